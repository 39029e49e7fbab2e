import type { CreateKeyRequest } from '@aigw/shared/admin/keys';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keysApi } from './api';
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

export function useRevokeKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => keysApi.revoke(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.all }),
  });
}
