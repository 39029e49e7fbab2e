import type { ApplyConfigRequest } from '@aigw/shared/admin/config';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { downloadText } from '../../lib/download';
import { routeKeys } from '../routes/queries';
import { sourceKeys } from '../sources/queries';
import { configApi, type ConfigFormat } from './api';
import { exportFile } from './plan';

/** Downloads the current config as a file; a failure is toasted by the global handler. */
export function useExportConfig() {
  return useMutation({
    mutationFn: async (format: ConfigFormat) => {
      const text = await configApi.export(format);
      const file = exportFile(format);
      downloadText(text, file.name, file.type);
      return file.name;
    },
  });
}

/** Preview (`dry_run`) or apply a document; the import panel shows the plan and any error. */
export function useApplyConfig() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplyConfigRequest) => configApi.apply(body),
    onSuccess: async (result) => {
      if (result.dry_run) return;
      await Promise.all([qc.invalidateQueries({ queryKey: sourceKeys.all }), qc.invalidateQueries({ queryKey: routeKeys.all })]);
    },
    meta: { inlineErrors: 'all' },
  });
}
