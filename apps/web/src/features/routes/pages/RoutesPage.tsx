import type { Route } from '@aigw/shared/admin/routes';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CardAlert, ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { Card, CardHeader } from '../../../components/ui/Card';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useMe } from '../../auth/use-session';
import { ExportConfigButtons } from '../../config/components/ExportConfigButtons';
import { ImportConfigPanel } from '../../config/components/ImportConfigPanel';
import { PageHeader } from '../../shell/PageHeader';
import { sourceListOptions } from '../../sources/queries';
import { DeleteRouteDialog } from '../components/DeleteRouteDialog';
import { RouteFormDialog } from '../components/RouteFormDialog';
import { RoutesTable } from '../components/RoutesTable';
import { routeListOptions } from '../queries';

type Editor = { route: Route | null } | null;

export function RoutesPage() {
  const { canWrite } = useMe();
  const list = useQuery(routeListOptions());
  // Targets name sources by id: the table shows their names, the form picks them by name.
  const sources = useQuery(sourceListOptions());
  const [editor, setEditor] = useState<Editor>(null);
  const [deleting, setDeleting] = useState<Route | null>(null);

  const openCreate = () => setEditor({ route: null });

  return (
    <>
      <PageHeader
        title="Routes"
        description="Routes decide where each request goes: the models and paths they match, the sources they send to, and how they balance and fall back."
        actions={
          canWrite ? (
            <Button onClick={openCreate} disabled={sources.isPending}>
              Create route
            </Button>
          ) : null
        }
      />
      <ListCard
        query={list}
        items={list.data}
        loadingLabel="Loading routes…"
        errorTitle="Could not load routes"
        empty={
          <EmptyState
            title="No routes yet"
            description={canWrite ? 'Create a route to send requests for a model to a service source.' : 'An administrator can create routes.'}
            action={
              canWrite ? (
                <Button variant="secondary" onClick={openCreate} disabled={sources.isPending}>
                  Create your first route
                </Button>
              ) : null
            }
          />
        }
      >
        {(routes) => (
          <>
            {sources.isError ? <CardAlert title="Could not load source names" error={sources.error} onRetry={() => void sources.refetch()} /> : null}
            <RoutesTable routes={routes} sources={sources.data ?? []} canWrite={canWrite} onEdit={(route) => setEditor({ route })} onDelete={setDeleting} />
          </>
        )}
      </ListCard>
      {!canWrite && !list.isPending ? <ReadOnlyNotice adminsCan="change routes or import configuration" /> : null}

      <Card className="mt-8">
        <CardHeader
          title="Declarative configuration"
          description="Sources and routes as one YAML or JSON document, portable between gateways. Exports never contain secrets."
          actions={<ExportConfigButtons />}
        />
        {canWrite ? (
          <div className="px-5 py-4">
            <h3 className="mb-3 text-sm font-semibold text-neutral-900">Import</h3>
            <ImportConfigPanel />
          </div>
        ) : null}
      </Card>

      {editor ? <RouteFormDialog route={editor.route} sources={sources.data ?? []} onClose={() => setEditor(null)} /> : null}
      <DeleteRouteDialog route={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
