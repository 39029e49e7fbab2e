import type { CreateNamespaceRequest, UpdateNamespaceRequest } from '@aigw/shared/admin/namespaces';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { namespacesApi } from './api';
import { effectivePolicyKeys } from '../policies/queries';
import { namespaceKeys } from './queries';

export function useSaveNamespace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateNamespaceRequest | UpdateNamespaceRequest }) =>
      input.id ? namespacesApi.update(input.id, input.body) : namespacesApi.create(input.body as CreateNamespaceRequest),
    // A namespace's limits and policies change what applies to its keys.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: namespaceKeys.all }), qc.invalidateQueries({ queryKey: effectivePolicyKeys.all })]),
    // The form shows errors that name a field beside that field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeleteNamespace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => namespacesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: namespaceKeys.all }),
    meta: { inlineErrors: 'all' },
  });
}
