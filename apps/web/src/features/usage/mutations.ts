import type { UsageExportQuery } from '@aigw/shared/admin/usage';
import { useMutation } from '@tanstack/react-query';
import { downloadText } from '../../lib/download';
import { usageApi } from './api';
import { exportFileName } from './usage-filters';

/** Downloads every record matching the filters as CSV; a failure is toasted by the global handler. */
export function useExportUsage() {
  return useMutation({
    mutationFn: async (filter: UsageExportQuery) => {
      const text = await usageApi.exportCsv(filter);
      const name = exportFileName();
      downloadText(text, name, 'text/csv');
      return name;
    },
  });
}
