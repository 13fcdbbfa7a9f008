/** Route splitting: a page component loaded on first use, in its own chunk, so the
 *  first screen (login) loads only the entry chunk. While the chunk loads the page
 *  shows a translated loading state; a chunk that fails to load (the app was
 *  rebuilt under an open window) shows a translated message with a reload. */
import { lazy, Suspense, type ComponentType } from 'react';
import { Alert, Button, Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div
      role="status"
      data-testid="page-loading"
      style={{ display: 'flex', gap: 8, justifyContent: 'center', margin: 48 }}
    >
      <Spin />
      <span>{t('common.loading')}</span>
    </div>
  );
}

function ChunkFailed() {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ margin: 48 }}
      message={t('app.chunkFailed')}
      action={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </Button>
      }
    />
  );
}

/** `lazyPage(() => import('./X').then((m) => m.X))`: the component, loaded when it
 *  first renders. */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => {
    try {
      return { default: await load() };
    } catch {
      return { default: ChunkFailed as ComponentType<P> };
    }
  });
  function LazyPage(props: P) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return LazyPage;
}
