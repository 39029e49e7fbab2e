import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { createQueryClient, shouldRetryQuery, type MutationMeta } from './query-client';

async function failMutation(error: Error, meta?: MutationMeta) {
  const show = vi.fn();
  const client = createQueryClient({ show });
  const observer = new MutationObserver(client, { mutationFn: () => Promise.reject(error), meta });
  await observer.mutate().catch(() => undefined);
  return show;
}

describe('query client', () => {
  it('reports a failed mutation once, with its code and message', async () => {
    const show = await failMutation(new ApiError(403, 'permission_denied', 'This account has the viewer role'));
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith({ tone: 'error', title: 'permission_denied', message: 'This account has the viewer role' });
  });

  it('leaves field errors to forms that show them inline, and everything to forms that ask', async () => {
    const field = new ApiError(400, 'invalid_request', 'name: required', 'name');
    const general = new ApiError(500, 'internal_error', 'boom');
    expect(await failMutation(field, { inlineErrors: 'fields' })).not.toHaveBeenCalled();
    expect(await failMutation(general, { inlineErrors: 'fields' })).toHaveBeenCalledTimes(1);
    expect(await failMutation(general, { inlineErrors: 'all' })).not.toHaveBeenCalled();
  });

  it('says nothing when the session ended (the login page says it)', async () => {
    expect(await failMutation(new ApiError(401, 'invalid_token', 'Refresh token is invalid'))).not.toHaveBeenCalled();
  });

  it('names unexpected errors too', async () => {
    const show = await failMutation(new Error('kaput'));
    expect(show).toHaveBeenCalledWith({ tone: 'error', title: 'unexpected_error', message: 'kaput' });
  });

  it('retries queries on network and server errors only', () => {
    expect(shouldRetryQuery(0, new ApiError(404, 'key_not_found', 'x'))).toBe(false);
    expect(shouldRetryQuery(0, new ApiError(403, 'permission_denied', 'x'))).toBe(false);
    expect(shouldRetryQuery(0, new ApiError(0, 'network_error', 'x'))).toBe(true);
    expect(shouldRetryQuery(1, new ApiError(503, 'service_unavailable', 'x'))).toBe(true);
    expect(shouldRetryQuery(2, new ApiError(503, 'service_unavailable', 'x'))).toBe(false);
  });
});
