import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { I18nProvider } from './i18n/i18n';
import { Root } from './app/Root';

/** A locked or ended session anywhere sends the window back to the status screen. */
function onApiError(error: unknown): void {
  if (
    error instanceof ApiError &&
    ['SESSION_LOCKED', 'NOT_AUTHENTICATED', 'APP_LOCKED', 'PASSWORD_CHANGE_REQUIRED'].includes(error.code)
  ) {
    void queryClient.invalidateQueries({ queryKey: ['app.status'] });
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Root />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
