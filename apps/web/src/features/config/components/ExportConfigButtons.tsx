import { Button } from '../../../components/ui/Button';
import { useExportConfig } from '../mutations';

/** Downloads the declarative config (sources and routes, no secrets) as YAML or JSON. */
export function ExportConfigButtons() {
  const exportConfig = useExportConfig();
  const pending = exportConfig.isPending ? exportConfig.variables : null;
  return (
    <>
      <Button variant="secondary" size="sm" loading={pending === 'yaml'} disabled={exportConfig.isPending} onClick={() => exportConfig.mutate('yaml')}>
        Export YAML
      </Button>
      <Button variant="secondary" size="sm" loading={pending === 'json'} disabled={exportConfig.isPending} onClick={() => exportConfig.mutate('json')}>
        Export JSON
      </Button>
    </>
  );
}
