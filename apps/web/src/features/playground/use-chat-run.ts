import { useCallback, useEffect, useRef, useState } from 'react';
import { applyStreamData, emptyRun, runFromCompletion, type ChatRequestBody, type ChatRun } from './chat';
import { playgroundApi } from './api';

export type RunStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface ChatRunState {
  status: RunStatus;
  run: ChatRun;
  /** The call failed before an answer (HTTP error, network): an ApiError with the gateway's message. */
  error: Error | null;
  streamed: boolean;
  /** From send to the end of the answer. */
  latencyMs: number | null;
  /** From send to the first content (streams only). */
  firstTokenMs: number | null;
}

const idle: ChatRunState = { status: 'idle', run: emptyRun(), error: null, streamed: false, latencyMs: null, firstTokenMs: null };

/** One chat exchange at a time, streamed or not, with Stop; aborted when the page goes away. */
export function useChatRun() {
  const [state, setState] = useState<ChatRunState>(idle);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const send = useCallback(async (body: ChatRequestBody, apiKey: string) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    let current: ChatRunState = { ...idle, status: 'running', streamed: body.stream };
    const update = (next: ChatRunState) => {
      current = next;
      if (controller.current === abort) setState(next);
    };
    update(current);
    try {
      if (body.stream) {
        await playgroundApi.stream(body, apiKey, {
          signal: abort.signal,
          onData: (data) => {
            const run = applyStreamData(current.run, data);
            const firstTokenMs = current.firstTokenMs ?? (run.text.length > 0 ? performance.now() - started : null);
            update({ ...current, run, firstTokenMs });
            return !run.done;
          },
        });
      } else {
        update({ ...current, run: runFromCompletion(await playgroundApi.complete(body, apiKey, abort.signal)) });
      }
      update({ ...current, status: current.run.error ? 'failed' : 'done', latencyMs: performance.now() - started });
    } catch (err) {
      if (abort.signal.aborted) update({ ...current, status: 'stopped', latencyMs: performance.now() - started });
      else update({ ...current, status: 'failed', error: err instanceof Error ? err : new Error(String(err)), latencyMs: performance.now() - started });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  const stop = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState(idle);
  }, []);

  return { state, send, stop, reset };
}

