import type { ApplyConfigResult } from '@aigw/shared/admin/config';
import { useRef, useState, type ChangeEvent } from 'react';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { ErrorBanner } from '../../../components/ui/ErrorBanner';
import { Textarea } from '../../../components/ui/Textarea';
import { ApiError } from '../../../lib/api-client';
import { useApplyConfig } from '../mutations';
import { groupPlan } from '../plan';
import { PlanTable } from './PlanTable';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

interface Preview {
  result: ApplyConfigResult;
  /** What was previewed: Apply sends exactly this. */
  document: string;
  prune: boolean;
}

/** Paste or upload a YAML/JSON document, preview the plan (a dry run), then apply it. */
export function ImportConfigPanel() {
  const [document, setDocument] = useState('');
  const [prune, setPrune] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [applied, setApplied] = useState<ApplyConfigResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const apply = useApplyConfig();

  const current = preview && preview.document === document && preview.prune === prune ? preview : null;
  const plan = current ? groupPlan(current.result.changes) : null;

  const edit = (next: { document?: string; prune?: boolean }) => {
    if (next.document !== undefined) setDocument(next.document);
    if (next.prune !== undefined) setPrune(next.prune);
    setApplied(null);
    setFileError(null);
    apply.reset();
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`${file.name} is larger than 5 MiB`);
      return;
    }
    edit({ document: await file.text() });
  };

  const runPreview = () => {
    const snapshot = { document, prune };
    apply.mutate({ ...snapshot, dry_run: true }, { onSuccess: (result) => setPreview({ result, ...snapshot }) });
  };

  const runApply = () => {
    if (!current) return;
    apply.mutate(
      { document: current.document, prune: current.prune, dry_run: false },
      {
        onSuccess: (result) => {
          setApplied(result);
          setPreview(null);
        },
      },
    );
  };

  const error = apply.error;
  const param = error instanceof ApiError ? error.param : null;

  return (
    <div className="flex flex-col gap-4">
      <Textarea
        label="Configuration document"
        mono
        rows={10}
        spellCheck={false}
        placeholder={'version: 1\nsources:\n  - name: openai\n    provider: openai\n    instances:\n      - url: https://api.openai.com/v1\n        api_key: ENV:OPENAI_API_KEY\nroutes:\n  - name: gpt-4o\n    match: { models: [gpt-4o] }\n    targets: [{ source: openai }]'}
        hint="YAML or JSON, as exported. An api_key of ENV:NAME is read from the gateway's environment."
        value={document}
        onChange={(e) => edit({ document: e.target.value })}
        error={fileError}
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-4">
          <input ref={fileInput} type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" className="sr-only" aria-label="Upload a configuration file" onChange={(e) => void upload(e)} />
          <Button variant="secondary" size="sm" onClick={() => fileInput.current?.click()}>
            Upload file…
          </Button>
          <Checkbox label="Prune" hint="Also delete the sources and routes the document does not name." checked={prune} onChange={(e) => edit({ prune: e.target.checked })} />
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" loading={apply.isPending && apply.variables?.dry_run === true} disabled={!document.trim() || apply.isPending} onClick={runPreview}>
            Preview
          </Button>
          <Button loading={apply.isPending && apply.variables?.dry_run === false} disabled={!current || !plan?.changesSomething || apply.isPending} onClick={runApply}>
            Apply
          </Button>
        </div>
      </div>

      {error ? (
        <ErrorBanner title={apply.variables?.dry_run ? 'The document cannot be applied' : 'Apply failed'} error={error}>
          {param ? (
            <p className="mt-1 text-xs">
              At <code className="font-mono">{param}</code>
            </p>
          ) : null}
        </ErrorBanner>
      ) : null}

      {current ? (
        <section aria-label="Preview" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold text-neutral-900">Preview: nothing is changed until you apply</h3>
          <PlanTable result={current.result} />
          {plan && !plan.changesSomething ? <p className="text-sm text-neutral-500">The gateway already matches this document.</p> : null}
        </section>
      ) : preview ? (
        <p className="text-sm text-neutral-500">The document or the prune setting changed since the preview: preview again before applying.</p>
      ) : null}

      {applied ? (
        <section aria-label="Applied" aria-live="polite" className="flex flex-col gap-2 rounded-md border border-green-200 bg-green-50/50 p-3">
          <h3 className="text-sm font-semibold text-green-800">Applied</h3>
          <PlanTable result={applied} />
        </section>
      ) : null}
    </div>
  );
}
