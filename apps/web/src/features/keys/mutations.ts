import type { CreateKeyRequest, UpdateKeyRequest } from '@aigw/shared/admin/keys';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keysApi } from './api';
import { effectivePolicyKeys } from '../policies/queries';
import { keyKeys } from './queries';

export function useCreateKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateKeyRequest) => keysApi.create(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.all }),
    // The form shows errors that name a field beside that field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useUpdateKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateKeyRequest }) => keysApi.update(input.id, input.body),
    // Its limits, policies and namespace change what applies to it.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: keyKeys.all }), qc.invalidateQueries({ queryKey: effectivePolicyKeys.all })]),
    meta: { inlineErrors: 'fields' },
  });
}

export function useRevokeKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keysApi.revoke(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.all }),
  });
}
