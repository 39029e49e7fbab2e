import type { AuditEntry } from '@aigw/shared/admin/audit';
import { diffJson, formatLeaf } from '../json-diff';

const KIND_STYLES = { added: 'text-green-700', removed: 'text-red-700', changed: 'text-amber-800' } as const;

/** What an entry changed, field by field, and the resource before and after in full. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const changes = diffJson(entry.before, entry.after);
  return (
    <div className="flex flex-col gap-4 bg-neutral-50 px-4 py-4">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-neutral-600">
        <Meta label="Request ID" value={entry.request_id} />
        <Meta label="Client IP" value={entry.client_ip} />
        <Meta label="Status" value={entry.status === null ? null : String(entry.status)} />
        <Meta label="Error" value={entry.error_code} />
        <Meta label="Resource ID" value={entry.resource_id} />
      </dl>
      {changes.length > 0 ? (
        <table aria-label="Changes" className="w-full border-collapse text-left text-xs">
          <thead className="text-neutral-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Field</th>
              <th className="py-1 pr-4 font-medium">Before</th>
              <th className="py-1 font-medium">After</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {changes.map((c) => (
              <tr key={c.path} className={KIND_STYLES[c.kind]} data-change={c.kind}>
                <td className="py-0.5 pr-4 align-top">{c.path || '(value)'}</td>
                <td className="py-0.5 pr-4 align-top break-all">{formatLeaf(c.before)}</td>
                <td className="py-0.5 align-top break-all">{formatLeaf(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-neutral-500">No recorded change.</p>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <JsonBlock title="Before" value={entry.before} />
        <JsonBlock title="After" value={entry.after} />
      </div>
    </div>
  );
}

function Meta({ label, value }: { label: string; value: string | null }) {
  if (value === null) return null;
  return (
    <div className="flex gap-1.5">
      <dt className="font-medium text-neutral-700">{label}</dt>
      <dd className="font-mono">{value}</dd>
    </div>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-1">
      <h4 className="text-xs font-semibold text-neutral-700">{title}</h4>
      <pre className="max-h-80 overflow-auto rounded-md border border-neutral-200 bg-white p-3 font-mono text-xs text-neutral-800">
        {value === null || value === undefined ? 'null' : JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
