import type { CreatePolicyRequest, UpdatePolicyRequest } from '@aigw/shared/admin/policies';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { policiesApi } from './api';
import { effectivePolicyKeys, policyKeys } from './queries';

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreatePolicyRequest | UpdatePolicyRequest }) =>
      input.id ? policiesApi.update(input.id, input.body) : policiesApi.create(input.body as CreatePolicyRequest),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: policyKeys.all }), qc.invalidateQueries({ queryKey: effectivePolicyKeys.all })]),
    // The form shows errors that name a field beside that field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeletePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => policiesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: policyKeys.all }),
    meta: { inlineErrors: 'all' },
  });
}
