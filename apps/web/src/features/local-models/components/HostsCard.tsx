import type { LocalGpu } from '@aigw/shared/admin/local-models';
import type { ModelHost, ModelHostStatus } from '@aigw/shared/admin/model-hosts';
import { useQuery } from '@tanstack/react-query';
import { ListCard } from '../../../components/ListCard';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { useRemoveHost } from '../mutations';
import { hostListOptions } from '../queries';

const healthLook: Record<ModelHostStatus, { tone: BadgeTone; label: string }> = {
  unknown: { tone: 'neutral', label: 'Not checked yet' },
  healthy: { tone: 'green', label: 'Healthy' },
  unauthorized: { tone: 'red', label: 'Token refused' },
  unreachable: { tone: 'red', label: 'Unreachable' },
};

const pct = (part: number | null, whole: number | null) => (part === null || !whole ? null : Math.round((part / whole) * 100));

function Gpu({ gpu }: { gpu: LocalGpu }) {
  const used = pct(gpu.memory_used_mb, gpu.memory_total_mb);
  return (
    <li className="flex flex-col gap-1">
      <span className="text-xs text-neutral-800">
        GPU {gpu.index} · {gpu.name} · {gpu.memory_used_mb ?? '?'} / {gpu.memory_total_mb ?? '?'} MiB · {gpu.utilization_pct ?? '?'}% busy
      </span>
      <span
        role="meter"
        aria-label={`GPU ${gpu.index} memory used`}
        aria-valuenow={used ?? 0}
        aria-valuemin={0}
        aria-valuemax={100}
        className="h-1.5 w-48 overflow-hidden rounded bg-neutral-200"
      >
        <span className="block h-full bg-blue-600" style={{ width: `${used ?? 0}%` }} />
      </span>
    </li>
  );
}

function HostRow({ host, canWrite }: { host: ModelHost; canWrite: boolean }) {
  const remove = useRemoveHost();
  const look = healthLook[host.health.status];
  return (
    <Tr aria-label={`Host ${host.name}`}>
      <Td className="font-medium text-neutral-900">{host.name}</Td>
      <Td className="font-mono text-xs">{host.url}</Td>
      <Td>
        <span className="flex flex-col gap-1">
          <span>
            <Badge tone={look.tone}>{look.label}</Badge>
            {host.health.version ? <span className="ml-2 text-xs text-neutral-500">v{host.health.version}</span> : null}
          </span>
          {host.health.error ? <span className="max-w-80 text-xs text-red-700">{host.health.error}</span> : null}
        </span>
      </Td>
      <Td>
        {host.gpus.length ? (
          <ul className="flex flex-col gap-2">
            {host.gpus.map((g) => (
              <Gpu key={g.index} gpu={g} />
            ))}
          </ul>
        ) : (
          <span className="text-xs text-neutral-500">{host.health.gpu_mode === 'cpu-only' ? 'No GPU: CPU only' : '—'}</span>
        )}
      </Td>
      <Td className="text-xs">{host.running_models.map((m) => m.served_name).join(', ') || '—'}</Td>
      {canWrite ? (
        <Td className="text-right">
          <Button variant="ghost" size="sm" loading={remove.isPending} onClick={() => remove.mutate(host.id)} aria-label={`Remove host ${host.name}`}>
            Remove
          </Button>
        </Td>
      ) : null}
    </Tr>
  );
}

/** The registered hosts with their health (from the gateway's background poll) and GPUs. */
export function HostsCard({ canWrite, onRegister }: { canWrite: boolean; onRegister: () => void }) {
  const hosts = useQuery(hostListOptions());
  return (
    <ListCard
      query={hosts}
      items={hosts.data}
      loadingLabel="Loading model hosts…"
      errorTitle="Could not load model hosts"
      empty={
        <EmptyState
          title="No model hosts yet"
          description={canWrite ? 'Register the model host running on each GPU machine.' : 'An administrator can register model hosts.'}
          action={canWrite ? <Button variant="secondary" onClick={onRegister}>Register a host</Button> : null}
        />
      }
    >
      {(items) => (
        <Table aria-label="Model hosts">
          <THead>
            <tr>
              <Th>Host</Th>
              <Th>URL</Th>
              <Th>Health</Th>
              <Th>GPUs</Th>
              <Th>Serving</Th>
              {canWrite ? <ActionsTh /> : null}
            </tr>
          </THead>
          <TBody>
            {items.map((h) => (
              <HostRow key={h.id} host={h} canWrite={canWrite} />
            ))}
          </TBody>
        </Table>
      )}
    </ListCard>
  );
}
