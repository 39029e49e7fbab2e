// Image input tokens, from OpenAI's vision guide ("Calculating costs"). Always an estimate: the
// gateway never downloads an image, reads the size only from a data URL's header, and OpenAI's
// billing has been seen to drift from its own documentation.

export interface ImageSize {
  width: number;
  height: number;
}

/** Size assumed when it cannot be read (a remote URL): the guide's 1024 x 1024 example. */
export const ASSUMED_IMAGE_SIZE: ImageSize = { width: 1024, height: 1024 };

type Pricing = { kind: 'tiles'; base: number; tile: number } | { kind: 'patches'; multiplier: number };

/** First match wins; anything else (older GPT-4 vision, other families' estimates) uses 85 + 170 per tile. */
const PRICING: ReadonlyArray<[RegExp, Pricing]> = [
  [/^(?:gpt-4\.1-mini|gpt-5-mini)/, { kind: 'patches', multiplier: 1.62 }],
  [/^(?:gpt-4\.1-nano|gpt-5-nano)/, { kind: 'patches', multiplier: 2.46 }],
  [/^o4-mini/, { kind: 'patches', multiplier: 1.72 }],
  [/^gpt-4o-mini/, { kind: 'tiles', base: 2833, tile: 5667 }],
  [/^(?:o1|o3)(?:$|-)/, { kind: 'tiles', base: 75, tile: 150 }],
];
const DEFAULT_PRICING: Pricing = { kind: 'tiles', base: 85, tile: 170 };

function tileTokens(p: { base: number; tile: number }, detail: string | undefined, size: ImageSize): number {
  if (detail === 'low') return p.base;
  // `high` and `auto` (counted as high: an upper bound is what a limiter wants).
  let { width: w, height: h } = size;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shortest = Math.min(w, h);
  if (shortest > 768) {
    w *= 768 / shortest;
    h *= 768 / shortest;
  }
  return p.base + p.tile * Math.ceil(w / 512) * Math.ceil(h / 512);
}

function patchTokens(multiplier: number, size: ImageSize): number {
  const MAX = 1536;
  let { width: w, height: h } = size;
  if (Math.ceil(w / 32) * Math.ceil(h / 32) > MAX) {
    let r = Math.sqrt((32 * 32 * MAX) / (w * h));
    r *= Math.min(Math.floor((w * r) / 32) / ((w * r) / 32), Math.floor((h * r) / 32) / ((h * r) / 32));
    w *= r;
    h *= r;
  }
  return Math.ceil(Math.min(MAX, Math.ceil(w / 32) * Math.ceil(h / 32)) * multiplier);
}

/** Tokens of one image part for `model` (its OpenAI name; other families get the default pricing). */
export function imageTokens(model: string, detail: string | undefined, size: ImageSize | null): number {
  const name = model.trim().toLowerCase();
  const pricing = PRICING.find(([pattern]) => pattern.test(name))?.[1] ?? DEFAULT_PRICING;
  const s = size && size.width > 0 && size.height > 0 ? size : ASSUMED_IMAGE_SIZE;
  return pricing.kind === 'patches' ? patchTokens(pricing.multiplier, s) : tileTokens(pricing, detail, s);
}

/** Enough of the file for any of the headers below (a JPEG's size can follow 64 kB of EXIF). */
const HEAD_BYTES = 96 * 1024;

/** Width and height from a `data:image/...;base64,` URL's file header (PNG, GIF, WebP, JPEG), or null. */
export function imageSizeFromDataUrl(url: string): ImageSize | null {
  if (!url.startsWith('data:')) return null;
  const comma = url.indexOf(',');
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return null;
  const b64 = url.slice(comma + 1, comma + 1 + Math.ceil(HEAD_BYTES / 3) * 4);
  return imageSize(Buffer.from(b64, 'base64'));
}

export function imageSize(b: Buffer): ImageSize | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR') {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8') return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      // SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}
