import { useState } from 'react';
import { resolveRange, type ResolvedRange, type TimeRangeChoice } from './time-range';

/**
 * A page's chosen time range and its absolute times. A preset is resolved when chosen and on
 * `refresh()` (so the query keys stay stable between refreshes); `select` takes only valid choices.
 */
export function useTimeRange(initial: TimeRangeChoice) {
  const [state, setState] = useState(() => ({ choice: initial, range: resolved(initial) }));
  return {
    choice: state.choice,
    range: state.range,
    select: (choice: TimeRangeChoice) => setState({ choice, range: resolved(choice) }),
    refresh: () => setState((s) => ({ ...s, range: resolved(s.choice) })),
  };
}

function resolved(choice: TimeRangeChoice): ResolvedRange {
  const result = resolveRange(choice);
  if (!result.ok) throw new Error(`invalid time range: ${result.error}`);
  return result.range;
}
