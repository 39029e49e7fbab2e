import type { UpdateLocalModelSettingsRequest } from '@aigw/shared/admin/local-models';
import type { CreateHostedModelRequest, CreateModelHostRequest } from '@aigw/shared/admin/model-hosts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MutationMeta } from '../../lib/query-client';
import { localModelsApi } from './api';
import { localModelKeys } from './queries';

/** Every change re-reads hosts and models: a start shows `starting` at once, the poll shows the rest. */
function useLocalMutation<V, R>(mutationFn: (v: V) => Promise<R>, inlineErrors?: MutationMeta['inlineErrors']) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => qc.invalidateQueries({ queryKey: localModelKeys.all }),
    // forms show what they can place; everything else goes to the toast with the API's code and message
    meta: inlineErrors ? { inlineErrors } : undefined,
  });
}

export const useRegisterHost = () => useLocalMutation((body: CreateModelHostRequest) => localModelsApi.registerHost(body), 'all');
export const useRemoveHost = () => useLocalMutation((id: string) => localModelsApi.removeHost(id));

/** Creates the model, then starts its download when it has something to download. */
export const useAddModel = () =>
  useLocalMutation(async (body: CreateHostedModelRequest & { host_id: string }) => {
    const model = await localModelsApi.createModel(body);
    if (model.state === 'not_downloaded') await localModelsApi.download(model.id, body.host_id);
    return model;
  }, 'fields');

type ModelRef = { id: string; hostId: string };
export const useModelAction = () => useLocalMutation(({ id, hostId, action }: ModelRef & { action: 'start' | 'stop' | 'restart' }) => localModelsApi.act(id, hostId, action));
export const useDownload = () => useLocalMutation(({ id, hostId }: ModelRef) => localModelsApi.download(id, hostId));
export const useCancelDownload = () => useLocalMutation(({ id, hostId }: ModelRef) => localModelsApi.cancelDownload(id, hostId));
export const useRemoveModel = () => useLocalMutation(({ id, hostId }: ModelRef) => localModelsApi.removeModel(id, hostId));
export const useSaveSettings = () =>
  useLocalMutation(({ id, hostId, body }: ModelRef & { body: UpdateLocalModelSettingsRequest }) => localModelsApi.saveSettings(id, hostId, body), 'fields');
