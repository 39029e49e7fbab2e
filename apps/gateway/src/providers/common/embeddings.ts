/**
 * Floats -> what OpenAI sends for `encoding_format: "base64"`: the little-endian float32 bytes,
 * base64-encoded (the `openai` npm SDK asks for this by default and decodes it itself).
 */
export function floatsToBase64(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  values.forEach((v, i) => bytes.writeFloatLE(v, i * 4));
  return bytes.toString('base64');
}

/** `encoding_format` of an embeddings request: base64 or float (the default). */
export const wantsBase64 = (json: Record<string, unknown>): boolean => json.encoding_format === 'base64';
