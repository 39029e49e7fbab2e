import type { TestConnectionRequest } from '@aigw/shared/admin/sources';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Input } from '../../../components/ui/Input';
import { KeyValueEditor } from '../../../components/ui/KeyValueEditor';
import type { FieldErrors } from '../../../lib/form-errors';
import { useTestConnection } from '../mutations';
import type { InstanceFormValues } from '../source-form';
import { TestConnectionResult } from './TestConnectionResult';

export interface InstanceEditorProps {
  index: number;
  value: InstanceFormValues;
  onChange: (patch: Partial<InstanceFormValues>) => void;
  onRemove?: () => void;
  errors: FieldErrors;
  urlPlaceholder?: string;
  /** Builds the test call from the whole form (provider, API version); errors go beside the fields. */
  buildTest: () => { ok: true; body: TestConnectionRequest } | { ok: false; errors: FieldErrors };
  onTestErrors: (errors: FieldErrors) => void;
}

/** One upstream instance: its URL, weight, write-only API key, headers, limits, and a connection test. */
export function InstanceEditor({ index, value, onChange, onRemove, errors, urlPlaceholder, buildTest, onTestErrors }: InstanceEditorProps) {
  const test = useTestConnection();
  const at = `instances.${index}`;
  const title = `Instance ${index + 1}`;

  const runTest = () => {
    const built = buildTest();
    if (!built.ok) {
      test.reset();
      onTestErrors(built.errors);
      return;
    }
    test.mutate(built.body);
  };

  return (
    <section role="group" aria-label={title} className="rounded-md border border-neutral-200 bg-neutral-50/50 p-4">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h4 className="flex items-center gap-2 text-sm font-semibold text-neutral-900">
          {title}
          {value.id ? null : <Badge tone="blue">New</Badge>}
          {value.enabled ? null : <Badge>Disabled</Badge>}
        </h4>
        {onRemove ? (
          <Button variant="ghost" size="sm" onClick={onRemove}>
            Remove instance
          </Button>
        ) : null}
      </div>
      {errors[at] ? <p className="mb-3 text-xs text-red-600">{errors[at]}</p> : null}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-[minmax(0,1fr)_7rem_9rem]">
        <Input label="URL" autoComplete="off" placeholder={urlPlaceholder ?? 'https://api.example.com/v1'} value={value.url} onChange={(e) => onChange({ url: e.target.value })} error={errors[`${at}.url`]} />
        <Input label="Weight" inputMode="numeric" autoComplete="off" value={value.weight} onChange={(e) => onChange({ weight: e.target.value })} error={errors[`${at}.weight`]} />
        <Input
          label="Max concurrent"
          inputMode="numeric"
          autoComplete="off"
          placeholder="Unlimited"
          value={value.maxConcurrent}
          onChange={(e) => onChange({ maxConcurrent: e.target.value })}
          error={errors[`${at}.max_concurrent`]}
        />
      </div>

      <div className="mt-4">
        <ApiKeyField value={value} onChange={onChange} error={errors[`${at}.api_key`]} />
      </div>

      <div className="mt-4">
        <KeyValueEditor
          legend="Extra headers"
          noun="Header"
          rows={value.headers}
          onChange={(headers) => onChange({ headers })}
          hint="Sent with every request to this instance."
          error={errors[`${at}.headers`]}
          namePlaceholder="X-Header-Name"
          valuePlaceholder="value"
        />
      </div>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <Checkbox label="Enabled" hint="A disabled instance gets no traffic." checked={value.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
        <Button variant="secondary" size="sm" loading={test.isPending} onClick={runTest}>
          Test connection
        </Button>
      </div>
      <div role="status" aria-label={`${title} connection test`} className="mt-3 empty:hidden">
        {test.data ? <TestConnectionResult result={test.data} /> : null}
        {test.error ? <ErrorBanner title="Could not run the test" error={test.error} /> : null}
      </div>
    </section>
  );
}

/** Write-only: a stored key is never shown, only "Key stored", with ways to replace or remove it. */
function ApiKeyField({ value, onChange, error }: { value: InstanceFormValues; onChange: (patch: Partial<InstanceFormValues>) => void; error?: string }) {
  if (value.hasStoredKey && value.keyAction === 'keep') {
    return (
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium text-neutral-800">API key</span>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="green">Key stored</Badge>
          <Button variant="secondary" size="sm" onClick={() => onChange({ keyAction: 'replace', apiKey: '' })}>
            Replace key
          </Button>
          <Button variant="ghost" size="sm" onClick={() => onChange({ keyAction: 'remove', apiKey: '' })}>
            Remove key
          </Button>
        </div>
      </div>
    );
  }
  if (value.keyAction === 'remove') {
    return (
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium text-neutral-800">API key</span>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="amber">Key will be removed on save</Badge>
          <Button variant="ghost" size="sm" onClick={() => onChange({ keyAction: 'keep' })}>
            Keep stored key
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex items-end gap-2">
      <Input
        className="flex-1"
        label={value.hasStoredKey ? 'New API key' : 'API key (optional)'}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        placeholder={value.hasStoredKey ? 'Replaces the stored key' : 'Sent to the upstream as its credential'}
        hint="Write-only: stored encrypted, never shown again."
        value={value.apiKey}
        onChange={(e) => onChange({ apiKey: e.target.value })}
        error={error}
      />
      {value.hasStoredKey ? (
        <Button variant="ghost" size="sm" className="mb-6" onClick={() => onChange({ keyAction: 'keep', apiKey: '' })}>
          Keep stored key
        </Button>
      ) : null}
    </div>
  );
}
