/** The associated data an instance's sealed API key is bound to: it cannot be replayed onto another instance. */
export const instanceKeyContext = (instanceId: string): string => `source-instance:${instanceId}:api_key`;
