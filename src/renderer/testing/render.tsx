/** What every renderer component test mounts a screen in: the providers the app
 *  gives it (queries without retry, the language from localStorage, antd's App for
 *  messages) and the jsdom gaps antd meets. */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { I18nProvider } from '../i18n/i18n';
import './messages';

/** Renders a screen inside the providers the app gives it (queries without retry,
 *  the language from localStorage, antd's App for messages); `rerender` keeps them. */
export function renderScreen(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children: inner }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AntApp>{inner}</AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
  return render(children, { wrapper });
}

/** jsdom lacks matchMedia, which antd's responsive helpers ask for, and
 *  ResizeObserver, which an auto-sized text area asks for. */
export function installDomGaps(): void {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    onchange: null,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
}
