import type { CreateRouteRequest, UpdateRouteRequest } from '@aigw/shared/admin/routes';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { routesApi } from './api';
import { routeKeys } from './queries';

export function useSaveRoute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string | null; body: CreateRouteRequest | UpdateRouteRequest }) =>
      input.id ? routesApi.update(input.id, input.body) : routesApi.create(input.body as CreateRouteRequest),
    onSuccess: () => qc.invalidateQueries({ queryKey: routeKeys.all }),
    // The form shows errors that name a field beside that field.
    meta: { inlineErrors: 'fields' },
  });
}

export function useDeleteRoute() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => routesApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: routeKeys.all }),
    meta: { inlineErrors: 'all' },
  });
}
