import type { CreateSourceRequest, TestConnectionRequest, UpdateSourceRequest } from '@aigw/shared/admin/sources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sourcesApi } from './api';
import { sourceKeys } from './queries';

export function useSaveSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateSourceRequest | UpdateSourceRequest }) =>
      input.id ? sourcesApi.update(input.id, input.body) : sourcesApi.create(input.body as CreateSourceRequest),
    onSuccess: () => qc.invalidateQueries({ queryKey: sourceKeys.all }),
    // The form shows errors that name a field beside that field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeleteSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sourcesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: sourceKeys.all }),
    // The confirm dialog shows why a delete was refused (e.g. the routes that use the source).
    meta: { inlineErrors: 'all' },
  });
}

/** One per instance row: each shows its own result or error. */
export function useTestConnection() {
  return useMutation({
    mutationFn: (body: TestConnectionRequest) => sourcesApi.testConnection(body),
    meta: { inlineErrors: 'all' },
  });
}
