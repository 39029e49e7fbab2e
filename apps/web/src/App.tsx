import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuditPage } from './features/audit/pages/AuditPage';
import { CertificatesPage } from './features/certificates/pages/CertificatesPage';
import { RequireAuth } from './features/auth/components/RequireAuth';
import { LoginPage } from './features/auth/pages/LoginPage';
import { DashboardPage } from './features/dashboard/pages/DashboardPage';
import { DomainsPage } from './features/domains/pages/DomainsPage';
import { ApiKeysPage } from './features/keys/pages/ApiKeysPage';
import { LocalModelsPage } from './features/local-models/pages/LocalModelsPage';
import { NamespacesPage } from './features/namespaces/pages/NamespacesPage';
import { NotBuiltPage } from './features/placeholder/NotBuiltPage';
import { PlaygroundPage } from './features/playground/pages/PlaygroundPage';
import { RoutesPage } from './features/routes/pages/RoutesPage';
import { ServicesPage } from './features/services/pages/ServicesPage';
import { AppShell } from './features/shell/AppShell';
import { navItems } from './features/shell/nav';
import { NotFoundPage } from './features/shell/NotFoundPage';
import { SourcesPage } from './features/sources/pages/SourcesPage';
import { UsagePage } from './features/usage/pages/UsagePage';

/** The pages built so far; every other page in the navigation shows its title and "not built yet". */
const builtPages: Record<string, ReactNode> = {
  '/': <DashboardPage />,
  '/sources': <SourcesPage />,
  '/services': <ServicesPage />,
  '/routes': <RoutesPage />,
  '/keys': <ApiKeysPage />,
  '/namespaces': <NamespacesPage />,
  '/playground': <PlaygroundPage />,
  '/domains': <DomainsPage />,
  '/certificates': <CertificatesPage />,
  '/local-models': <LocalModelsPage />,
  '/usage': <UsagePage />,
  '/audit': <AuditPage />,
};

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          {navItems.map((item) => (
            <Route key={item.path} path={item.path} element={builtPages[item.path] ?? <NotBuiltPage title={item.label} />} />
          ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
