import type { CreateCertificateRequest, UpdateCertificateRequest } from '@aigw/shared/admin/certificates';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { certificatesApi } from './api';
import { certificateKeys } from './queries';

export function useSaveCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateCertificateRequest | UpdateCertificateRequest }) =>
      input.id ? certificatesApi.update(input.id, input.body) : certificatesApi.create(input.body as CreateCertificateRequest),
    onSuccess: () => qc.invalidateQueries({ queryKey: certificateKeys.all }),
    // Validation errors (key mismatch, chain order, expiry) show beside their field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeleteCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => certificatesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: certificateKeys.all }),
    meta: { inlineErrors: 'all' },
  });
}
