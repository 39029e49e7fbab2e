import type { CreatedApiKey } from '@aigw/shared/admin/keys';
import { useRef, useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Dialog } from '../../../components/ui/Dialog';

type CopyState = 'idle' | 'copied' | 'select';

/** Copies with the Clipboard API; where it is unavailable (plain http), selects the text instead. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<CopyState> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    input?.focus();
    input?.select();
    try {
      if (document.execCommand('copy')) return 'copied';
    } catch {
      // fall through: the text stays selected for the user to copy
    }
    return 'select';
  }
}

/** The secret, shown once right after creation. */
export function SecretKeyDialog({ apiKey, onClose }: { apiKey: CreatedApiKey | null; onClose: () => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  const close = () => {
    setCopy('idle');
    onClose();
  };
  return (
    <Dialog
      open={apiKey !== null}
      title="Save your API key"
      description={
        <>
          Key <strong className="font-medium text-neutral-800">{apiKey?.name}</strong> was created.
        </>
      }
      footer={<Button onClick={close}>Done</Button>}
    >
      <div role="note" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Copy this key now and store it somewhere safe. <strong>You will not see it again.</strong>
      </div>
      <label htmlFor="created-secret" className="text-sm font-medium text-neutral-800">
        Secret key
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="created-secret"
          ref={inputRef}
          readOnly
          value={apiKey?.key ?? ''}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-neutral-300 bg-neutral-50 px-3 font-mono text-sm text-neutral-900"
        />
        <Button variant="secondary" onClick={async () => setCopy(await copyText(apiKey?.key ?? '', inputRef.current))}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p aria-live="polite" className="mt-1.5 min-h-4 text-xs text-neutral-500">
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'select' ? 'Copying is blocked here: the key is selected, press Ctrl+C (⌘C) to copy it.' : ''}
      </p>
    </Dialog>
  );
}
