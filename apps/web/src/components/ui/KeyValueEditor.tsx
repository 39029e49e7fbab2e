import type { HeaderRow } from '../../lib/form-errors';
import { Button } from './Button';

export interface KeyValueEditorProps {
  /** The group's name ("Extra headers"); rows are labelled "<noun> name 1", "<noun> value 1". */
  legend: string;
  noun: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  hint?: string;
  error?: string | null;
  disabled?: boolean;
  namePlaceholder?: string;
  valuePlaceholder?: string;
}

const field =
  'h-8 min-w-0 flex-1 rounded-md border border-neutral-300 bg-white px-2.5 font-mono text-xs text-neutral-900 shadow-xs placeholder:font-sans placeholder:text-neutral-400 focus:outline-2 focus:-outline-offset-1 focus:outline-neutral-900';

/** Name/value pairs (HTTP headers, header matchers) as rows that can be added and removed. */
export function KeyValueEditor({ legend, noun, rows, onChange, hint, error, disabled, namePlaceholder = 'Name', valuePlaceholder = 'Value' }: KeyValueEditorProps) {
  const set = (index: number, patch: Partial<HeaderRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-1.5" aria-invalid={error ? true : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-neutral-800">{legend}</legend>
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-2">
          <input aria-label={`${noun} name ${index + 1}`} className={field} placeholder={namePlaceholder} value={row.name} disabled={disabled} autoComplete="off" onChange={(e) => set(index, { name: e.target.value })} />
          <input aria-label={`${noun} value ${index + 1}`} className={field} placeholder={valuePlaceholder} value={row.value} disabled={disabled} autoComplete="off" onChange={(e) => set(index, { value: e.target.value })} />
          <Button variant="ghost" size="sm" aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`} disabled={disabled} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            ×
          </Button>
        </div>
      ))}
      <div>
        <Button variant="secondary" size="sm" disabled={disabled} onClick={() => onChange([...rows, { name: '', value: '' }])}>
          Add {noun.toLowerCase()}
        </Button>
      </div>
      {error ? <p className="text-xs text-red-600">{error}</p> : hint ? <p className="text-xs text-neutral-500">{hint}</p> : null}
    </fieldset>
  );
}
