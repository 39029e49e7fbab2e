import type { Namespace } from '@aigw/shared/admin/namespaces';
import type { Policy } from '@aigw/shared/admin/policies';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { CardAlert, ListCard, ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { useMe } from '../../auth/use-session';
import { DeletePolicyDialog } from '../../policies/components/DeletePolicyDialog';
import { EffectivePolicyCard } from '../../policies/components/EffectivePolicyCard';
import { PoliciesTable } from '../../policies/components/PoliciesTable';
import { PolicyFormDialog } from '../../policies/components/PolicyFormDialog';
import { policyListOptions } from '../../policies/queries';
import { PageHeader } from '../../shell/PageHeader';
import { DeleteNamespaceDialog } from '../components/DeleteNamespaceDialog';
import { NamespaceFormDialog } from '../components/NamespaceFormDialog';
import { NamespacesTable } from '../components/NamespacesTable';
import { namespaceListOptions } from '../queries';

type Editor<T> = { item: T | null } | null;

function SectionHeading({ title, description, action }: { title: string; description: string; action: ReactNode }) {
  return (
    <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h2 className="text-base font-semibold text-neutral-900">{title}</h2>
        <p className="mt-0.5 max-w-2xl text-sm text-neutral-500">{description}</p>
      </div>
      {action}
    </div>
  );
}

export function NamespacesPage() {
  const { canWrite } = useMe();
  const namespaces = useQuery(namespaceListOptions());
  const policies = useQuery(policyListOptions());
  const [namespaceEditor, setNamespaceEditor] = useState<Editor<Namespace>>(null);
  const [policyEditor, setPolicyEditor] = useState<Editor<Policy>>(null);
  const [deletingNamespace, setDeletingNamespace] = useState<Namespace | null>(null);
  const [deletingPolicy, setDeletingPolicy] = useState<Policy | null>(null);

  const createNamespace = () => setNamespaceEditor({ item: null });
  const createPolicy = () => setPolicyEditor({ item: null });

  return (
    <>
      <PageHeader
        title="Namespaces & Policies"
        description="Namespaces group the traffic of a team or tenant; policies are reusable rules (models, routes, limits, client addresses) attached to keys, namespaces and routes."
      />
      <div className="flex flex-col gap-8">
        <section aria-label="Namespaces section">
          <SectionHeading
            title="Namespaces"
            description="Requests join a namespace through their API key, or by domain, header or path prefix."
            action={canWrite ? <Button onClick={createNamespace}>Create namespace</Button> : null}
          />
          <ListCard
            query={namespaces}
            items={namespaces.data}
            loadingLabel="Loading namespaces…"
            errorTitle="Could not load namespaces"
            empty={
              <EmptyState
                title="No namespaces yet"
                description={canWrite ? 'Create a namespace to give a team its own limits and policies.' : 'An administrator can create namespaces.'}
              />
            }
          >
            {(items) => (
              <>
                {policies.isError ? <CardAlert title="Could not load policy names" error={policies.error} onRetry={() => void policies.refetch()} /> : null}
                <NamespacesTable namespaces={items} policies={policies.data ?? []} canWrite={canWrite} onEdit={(item) => setNamespaceEditor({ item })} onDelete={setDeletingNamespace} />
              </>
            )}
          </ListCard>
        </section>

        <section aria-label="Policies section">
          <SectionHeading
            title="Policies"
            description="Everything that applies to a request must pass: allowed lists intersect, denied lists add up, and the tightest limit wins."
            action={canWrite ? <Button onClick={createPolicy}>Create policy</Button> : null}
          />
          <ListCard
            query={policies}
            items={policies.data}
            loadingLabel="Loading policies…"
            errorTitle="Could not load policies"
            empty={<EmptyState title="No policies yet" description={canWrite ? 'Create a policy to reuse the same rules on several keys or namespaces.' : 'An administrator can create policies.'} />}
          >
            {(items) => <PoliciesTable policies={items} canWrite={canWrite} onEdit={(item) => setPolicyEditor({ item })} onDelete={setDeletingPolicy} />}
          </ListCard>
        </section>

        <EffectivePolicyCard />
      </div>
      {!canWrite && !namespaces.isPending ? <ReadOnlyNotice adminsCan="change namespaces or policies" /> : null}

      {namespaceEditor ? <NamespaceFormDialog namespace={namespaceEditor.item} policies={policies.data ?? []} onClose={() => setNamespaceEditor(null)} /> : null}
      {policyEditor ? <PolicyFormDialog policy={policyEditor.item} onClose={() => setPolicyEditor(null)} /> : null}
      <DeleteNamespaceDialog namespace={deletingNamespace} onClose={() => setDeletingNamespace(null)} />
      <DeletePolicyDialog policy={deletingPolicy} onClose={() => setDeletingPolicy(null)} />
    </>
  );
}
