import type { LocalModelState } from '@aigw/shared/admin/local-models';
import type { HostedModel, HostListError } from '@aigw/shared/admin/model-hosts';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { ApiError } from '../../../lib/api-client';
import { CardAlert, ListCard } from '../../../components/ListCard';
import { Badge, type BadgeTone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { EmptyState } from '../../../components/ui/EmptyState';
import { ActionsTh, Table, TBody, Td, Th, THead, Tr } from '../../../components/ui/Table';
import { useDownload, useModelAction, useRemoveModel } from '../mutations';
import { modelListOptions } from '../queries';
import { DownloadPanel } from './DownloadPanel';

const stateTone: Record<LocalModelState, BadgeTone> = {
  not_downloaded: 'neutral',
  downloading: 'blue',
  stopped: 'neutral',
  starting: 'amber',
  running: 'green',
  stopping: 'amber',
  failed: 'red',
};

const stateLabel = (state: LocalModelState) => state.replace('_', ' ');

export interface ModelsCardProps {
  canWrite: boolean;
  onAdd: () => void;
  onSettings: (model: HostedModel) => void;
  onLogs: (model: HostedModel) => void;
}

function ModelActions({ model, onSettings, onLogs, canWrite }: Omit<ModelsCardProps, 'onAdd'> & { model: HostedModel }) {
  const act = useModelAction();
  const download = useDownload();
  const remove = useRemoveModel();
  const ref = { id: model.id, hostId: model.host_id };
  const pending = act.isPending || download.isPending || remove.isPending;
  const s = model.state;
  return (
    <Td className="text-right whitespace-nowrap">
      <span className="inline-flex gap-2">
        {canWrite && s === 'not_downloaded' ? (
          <Button size="sm" disabled={pending} onClick={() => download.mutate(ref)}>
            Download
          </Button>
        ) : null}
        {canWrite && (s === 'stopped' || s === 'failed') ? (
          <Button size="sm" disabled={pending} onClick={() => act.mutate({ ...ref, action: 'start' })}>
            Start
          </Button>
        ) : null}
        {canWrite && (s === 'starting' || s === 'running') ? (
          <>
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => act.mutate({ ...ref, action: 'stop' })}>
              Stop
            </Button>
            <Button size="sm" variant="secondary" disabled={pending} onClick={() => act.mutate({ ...ref, action: 'restart' })}>
              Restart
            </Button>
          </>
        ) : null}
        <Button size="sm" variant="secondary" onClick={() => onSettings(model)}>
          Settings
        </Button>
        <Button size="sm" variant="secondary" onClick={() => onLogs(model)}>
          Logs
        </Button>
        {canWrite ? (
          <Button size="sm" variant="ghost" disabled={pending} onClick={() => remove.mutate(ref)}>
            Delete
          </Button>
        ) : null}
      </span>
    </Td>
  );
}

/** Every host's models with their state, followed live; host errors listed above them as the API gives them. */
export function ModelsCard({ canWrite, onAdd, onSettings, onLogs }: ModelsCardProps) {
  const list = useQuery(modelListOptions());
  const columns = canWrite ? 6 : 5;
  return (
    <ListCard
      query={list}
      items={list.data?.data}
      loadingLabel="Loading models…"
      errorTitle="Could not load local models"
      toolbar={() => <HostErrors errors={list.data?.host_errors ?? []} onRetry={() => void list.refetch()} />}
      empty={
        <>
          <HostErrors errors={list.data?.host_errors ?? []} onRetry={() => void list.refetch()} />
          <EmptyState
            title="No local models yet"
            description={canWrite ? 'Add a model: its files are downloaded to the host, then it can be started.' : 'An administrator can add models.'}
            action={canWrite ? <Button variant="secondary" onClick={onAdd}>Add a model</Button> : null}
          />
        </>
      }
    >
      {(models) => (
        <Table aria-label="Local models">
          <THead>
            <tr>
              <Th>Model</Th>
              <Th>Host</Th>
              <Th>Runtime</Th>
              <Th>State</Th>
              <Th>Process</Th>
              {canWrite ? <ActionsTh /> : <Th className="sr-only">Actions</Th>}
            </tr>
          </THead>
          <TBody>
            {models.map((m) => (
              <Fragment key={`${m.host_id}/${m.id}`}>
                <Tr aria-label={`Model ${m.id}`}>
                  <Td>
                    <span className="font-medium text-neutral-900">{m.name}</span>
                    <span className="block font-mono text-xs text-neutral-500">
                      {m.id} · model: {m.served_name}
                    </span>
                  </Td>
                  <Td>{m.host_name}</Td>
                  <Td>{m.runtime}</Td>
                  <Td>
                    <span className="flex flex-col gap-1">
                      <span aria-label={`State of ${m.id}`}>
                        <Badge tone={stateTone[m.state]}>{stateLabel(m.state)}</Badge>
                      </span>
                      {m.last_error ? <span className="max-w-72 text-xs text-red-700">{m.last_error}</span> : null}
                    </span>
                  </Td>
                  <Td className="text-xs tabular-nums">{m.pid ? `pid ${m.pid} · port ${m.port}` : '—'}</Td>
                  <ModelActions model={m} canWrite={canWrite} onSettings={onSettings} onLogs={onLogs} />
                </Tr>
                {m.state === 'downloading' ? (
                  <tr>
                    <td colSpan={columns} className="px-4 pb-4">
                      <DownloadPanel model={m} canWrite={canWrite} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </TBody>
        </Table>
      )}
    </ListCard>
  );
}

/** Hosts that could not list their models, each with the error as the gateway gave it. */
function HostErrors({ errors, onRetry }: { errors: HostListError[]; onRetry: () => void }) {
  return (
    <>
      {errors.map((e) => (
        <CardAlert key={e.host_id} title={`Host ${e.host_name}: models not listed`} error={ApiError.fromBody(502, { error: e.error }, e.error.message)} onRetry={onRetry} />
      ))}
    </>
  );
}
