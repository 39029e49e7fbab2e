import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { GatewayError } from '@aigw/server-kit/gateway-error';
import { SSE_HEADERS } from '../api/sse.js';

export type ProxyOutcome = { kind: 'completed'; status: number } | { kind: 'failed'; error: GatewayError; afterHeaders: boolean } | { kind: 'client_closed' };

class ClientClosed extends Error {
  constructor() {
    super('client closed the connection');
  }
}

/** After a stream started the status is already 200: the error goes in-band, then [DONE] (API-CONTRACT.md). */
export const sseErrorEvent = (error: GatewayError) => `data: ${JSON.stringify(error.toBody())}\n\ndata: [DONE]\n\n`;

/**
 * Streams a model process's answer into the client's socket as it comes: status and body passed
 * through unchanged (the model servers speak OpenAI's protocol, errors included), backpressure kept
 * (a slow client pauses the model), a client that goes away aborts the upstream request.
 */
export class ModelProxyHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private headersSent = false;
  private sse = false;
  private clientGone = false;
  private status = 0;
  private readonly resume = () => this.controller?.resume();

  constructor(
    private readonly res: ServerResponse,
    private readonly requestId: string,
    private readonly model: string,
    private readonly done: (outcome: ProxyOutcome) => void,
  ) {
    res.once('close', () => {
      if (res.writableFinished) return;
      this.clientGone = true;
      this.controller?.abort(new ClientClosed());
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.clientGone) controller.abort(new ClientClosed());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode;
    const type = headers['content-type'];
    this.sse = typeof type === 'string' && type.startsWith('text/event-stream');
    const out: Record<string, string | number> = this.sse ? { ...SSE_HEADERS } : { 'content-type': type ?? 'application/octet-stream' };
    const length = headers['content-length'];
    if (!this.sse && typeof length === 'string') out['content-length'] = length;
    out['x-request-id'] = this.requestId;
    this.res.writeHead(statusCode, out);
    this.res.flushHeaders();
    this.headersSent = true;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', this.resume);
    }
  }

  onResponseEnd(): void {
    this.res.end();
    this.done({ kind: 'completed', status: this.status });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (this.clientGone || err instanceof ClientClosed) {
      this.done({ kind: 'client_closed' });
      return;
    }
    const error = new GatewayError('upstream_unreachable', `Model "${this.model}" did not answer: ${err.message}`);
    if (!this.headersSent) {
      this.done({ kind: 'failed', error, afterHeaders: false });
      return;
    }
    if (this.sse && !this.res.destroyed) this.res.end(sseErrorEvent(error));
    else this.res.destroy();
    this.done({ kind: 'failed', error, afterHeaders: true });
  }
}
