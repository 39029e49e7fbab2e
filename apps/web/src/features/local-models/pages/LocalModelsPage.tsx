import type { HostedModel } from '@aigw/shared/admin/model-hosts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ReadOnlyNotice } from '../../../components/ListCard';
import { Button } from '../../../components/ui/Button';
import { useMe } from '../../auth/use-session';
import { PageHeader } from '../../shell/PageHeader';
import { AddModelDialog } from '../components/AddModelDialog';
import { HostsCard } from '../components/HostsCard';
import { LogTail } from '../components/LogTail';
import { ModelsCard } from '../components/ModelsCard';
import { RegisterHostDialog } from '../components/RegisterHostDialog';
import { SettingsDialog } from '../components/SettingsDialog';
import { hostListOptions, modelListOptions } from '../queries';

type ModelRef = { id: string; hostId: string };
const refOf = (m: HostedModel): ModelRef => ({ id: m.id, hostId: m.host_id });

/** Seed 001's LocalModelManagement: model hosts and their GPUs, then every host's models. */
export function LocalModelsPage() {
  const { canWrite } = useMe();
  const hosts = useQuery(hostListOptions());
  const models = useQuery(modelListOptions());
  const [registering, setRegistering] = useState(false);
  const [adding, setAdding] = useState(false);
  const [settingsOf, setSettingsOf] = useState<ModelRef | null>(null);
  const [logsOf, setLogsOf] = useState<ModelRef | null>(null);
  // the dialogs read the latest copy of their model from the live list
  const find = (ref: ModelRef | null) => (ref ? models.data?.data.find((m) => m.id === ref.id && m.host_id === ref.hostId) : undefined);
  const settingsModel = find(settingsOf);
  const logsModel = find(logsOf);

  return (
    <>
      <PageHeader
        title="Local Models"
        description="Models on your own GPU machines: each machine runs a model host; a running model is served through the gateway's /v1 under its served name."
        actions={
          canWrite ? (
            <>
              <Button variant="secondary" onClick={() => setRegistering(true)}>
                Register host
              </Button>
              <Button onClick={() => setAdding(true)} disabled={!hosts.data?.length}>
                Add model
              </Button>
            </>
          ) : null
        }
      />
      <h2 className="mb-3 text-sm font-semibold text-neutral-800">Hosts</h2>
      <HostsCard canWrite={canWrite} onRegister={() => setRegistering(true)} />
      <h2 className="mt-8 mb-3 text-sm font-semibold text-neutral-800">Models</h2>
      <ModelsCard canWrite={canWrite} onAdd={() => setAdding(true)} onSettings={(m) => setSettingsOf(refOf(m))} onLogs={(m) => setLogsOf(refOf(m))} />
      {logsModel ? <LogTail model={logsModel} onClose={() => setLogsOf(null)} /> : null}
      {!canWrite && !models.isPending ? <ReadOnlyNotice adminsCan="register hosts and add, start or stop models" /> : null}
      {registering ? <RegisterHostDialog onClose={() => setRegistering(false)} /> : null}
      {adding && hosts.data ? <AddModelDialog hosts={hosts.data} onClose={() => setAdding(false)} /> : null}
      {settingsModel ? <SettingsDialog model={settingsModel} canWrite={canWrite} onClose={() => setSettingsOf(null)} /> : null}
    </>
  );
}
