import { useState, type FormEvent, type ReactNode } from 'react';
import { isoToLocalInput, RANGE_PRESETS, resolveRange, type RangePreset, type TimeRangeChoice } from '../lib/time-range';
import { Button } from './ui/Button';
import { Input } from './ui/Input';
import { Select } from './ui/Select';

export interface TimeRangePickerProps {
  value: TimeRangeChoice;
  /** Called with valid choices only: a preset, or a custom range of two times in order. */
  onChange: (choice: TimeRangeChoice) => void;
}

/** A preset (last hour, day, week) or a custom range, entered as two local date-times and applied. */
export function TimeRangePicker({ value, onChange }: TimeRangePickerProps) {
  const [custom, setCustom] = useState(() => (value.preset === 'custom' ? { from: value.from, to: value.to } : lastDay()));
  const [editing, setEditing] = useState(value.preset === 'custom');
  const [error, setError] = useState<string | null>(null);

  const pick = (preset: string) => {
    setError(null);
    if (preset === 'custom') return setEditing(true);
    setEditing(false);
    onChange({ preset: preset as RangePreset });
  };

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const choice: TimeRangeChoice = { preset: 'custom', ...custom };
    const result = resolveRange(choice);
    if (!result.ok) return setError(result.error);
    setError(null);
    onChange(choice);
  };

  return (
    <form className="flex flex-wrap items-start gap-2" onSubmit={apply} noValidate>
      <Select label="Time range" value={editing ? 'custom' : value.preset} onChange={(e) => pick(e.target.value)}>
        {RANGE_PRESETS.map((p) => (
          <option key={p.preset} value={p.preset}>
            {p.label}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </Select>
      {editing ? (
        <>
          <Input label="From" type="datetime-local" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} error={error} />
          <Input label="To" type="datetime-local" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} />
          <Button type="submit" variant="secondary" className="mt-6">
            Apply range
          </Button>
        </>
      ) : null}
    </form>
  );
}

function lastDay() {
  const now = Date.now();
  return { from: isoToLocalInput(new Date(now - 24 * 3600_000).toISOString()), to: isoToLocalInput(new Date(now).toISOString()) };
}

/** A page header's actions for a time range: the picker, Refresh (re-anchors a preset to now), and any others. */
export function TimeRangeActions({ value, onChange, onRefresh, children }: TimeRangePickerProps & { onRefresh: () => void; children?: ReactNode }) {
  return (
    <div className="flex items-end gap-2">
      <TimeRangePicker value={value} onChange={onChange} />
      <Button variant="secondary" className="mb-px" onClick={onRefresh}>
        Refresh
      </Button>
      {children}
    </div>
  );
}
