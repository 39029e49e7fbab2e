import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from '@aigw/server-kit/error-reply';
import { GatewayError } from '@aigw/server-kit/gateway-error';

/** Paths that belong to the API: an unknown one is a JSON 404, never the web app's index page. */
const API_PREFIXES = ['/api/', '/v1/', '/auth/', '/health', '/metrics', '/local/'];

/**
 * Serves the dashboard's production build at `/`: its files as they are, and index.html for any
 * other page path so client-side routes survive a reload.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<'served' | 'missing'> {
  const index = path.join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', (_request, reply) => reply.type('text/plain; charset=utf-8').send('The web app is not built. Run `pnpm build`, or use the API directly.\n'));
    return 'missing';
  }
  await app.register(async (scope) => {
    scope.setErrorHandler(sendError);
    await scope.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Hashed build assets never change; everything else is revalidated.
      setHeaders: (reply, filePath) =>
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    scope.get('/*', (request, reply) => {
      const url = request.url;
      if (API_PREFIXES.some((p) => url.startsWith(p))) throw new GatewayError('not_found', `Cannot ${request.method} ${url.split('?')[0]}`);
      if (url.startsWith('/assets/')) throw new GatewayError('not_found', `No such file: ${url.split('?')[0]}`);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
  return 'served';
}
