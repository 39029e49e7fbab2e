import type { CreateDomainRequest, UpdateDomainRequest } from '@aigw/shared/admin/domains';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { certificateKeys } from '../certificates/queries';
import { domainsApi } from './api';
import { domainKeys } from './queries';

/** A domain change also changes which domains use a certificate. */
const invalidate = (qc: ReturnType<typeof useQueryClient>) => Promise.all([qc.invalidateQueries({ queryKey: domainKeys.all }), qc.invalidateQueries({ queryKey: certificateKeys.all })]);

export function useSaveDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateDomainRequest | UpdateDomainRequest }) =>
      input.id ? domainsApi.update(input.id, input.body) : domainsApi.create(input.body as CreateDomainRequest),
    onSuccess: () => invalidate(qc),
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeleteDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => domainsApi.remove(id),
    onSuccess: () => invalidate(qc),
    meta: { inlineErrors: 'all' },
  });
}
