import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Toaster } from './components/ui/Toaster';
import { authStore, syncAcrossTabs } from './lib/auth-store';
import { createQueryClient } from './lib/query-client';
import { toasts } from './lib/toasts';
import './index.css';

const queryClient = createQueryClient(toasts);

// Signed out (here, in another tab, or because the session could not be refreshed): drop cached data.
authStore.subscribe(() => {
  if (!authStore.isSignedIn()) queryClient.removeQueries();
});
syncAcrossTabs(authStore);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
      <Toaster store={toasts} />
    </QueryClientProvider>
  </StrictMode>,
);
