import { describe, expect, it } from 'vitest';
import { imageSize, imageSizeFromDataUrl, imageTokens } from './image-tokens.js';
import { pngHeader } from './testing/fixtures.js';

function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const exif = Buffer.concat([Buffer.from([0xff, 0xe1, 0x04, 0x02]), Buffer.alloc(0x0400)]); // 1 kB of "EXIF"
  const sof = Buffer.from([0xff, 0xc2, 0x00, 0x11, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, exif, sof]);
}

function gifHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

function webpHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(30);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(22, 4);
  b.write('WEBPVP8X', 8, 'latin1');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(width - 1, 24, 3);
  b.writeUIntLE(height - 1, 27, 3);
  return b;
}

const dataUrl = (mime: string, b: Buffer) => `data:${mime};base64,${b.toString('base64')}`;

describe('imageSize', () => {
  it('reads PNG, JPEG (after EXIF), GIF and WebP headers', () => {
    expect(imageSize(pngHeader(1024, 768))).toEqual({ width: 1024, height: 768 });
    expect(imageSize(jpegHeader(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(gifHeader(320, 200))).toEqual({ width: 320, height: 200 });
    expect(imageSize(webpHeader(2000, 1000))).toEqual({ width: 2000, height: 1000 });
    expect(imageSize(Buffer.from('not an image'))).toBeNull();
  });

  it('reads the size from a base64 data URL, never from a remote URL', () => {
    expect(imageSizeFromDataUrl(dataUrl('image/png', pngHeader(64, 32)))).toEqual({ width: 64, height: 32 });
    expect(imageSizeFromDataUrl('https://example.com/cat.png')).toBeNull();
    expect(imageSizeFromDataUrl('data:image/png,rawbytes')).toBeNull();
  });
});

describe('imageTokens (OpenAI vision guide)', () => {
  it('charges low detail the base only', () => {
    expect(imageTokens('gpt-4o', 'low', { width: 4096, height: 8192 })).toBe(85);
    expect(imageTokens('gpt-4o-mini', 'low', null)).toBe(2833);
    expect(imageTokens('o1', 'low', null)).toBe(75);
  });

  it("reproduces the guide's high-detail examples", () => {
    expect(imageTokens('gpt-4o', 'high', { width: 1024, height: 1024 })).toBe(765);
    expect(imageTokens('gpt-4o', 'high', { width: 2048, height: 4096 })).toBe(1105);
    expect(imageTokens('gpt-4o', 'auto', { width: 500, height: 500 })).toBe(255);
  });

  it('uses 32px patches and a multiplier for gpt-4.1-mini, gpt-4.1-nano and o4-mini', () => {
    expect(imageTokens('gpt-4.1-mini', 'high', { width: 1024, height: 1024 })).toBe(Math.ceil(1024 * 1.62));
    expect(imageTokens('gpt-4.1-nano', undefined, { width: 1024, height: 1024 })).toBe(Math.ceil(1024 * 2.46));
    // Over 1,536 patches the image is scaled down to fit.
    expect(imageTokens('o4-mini', 'high', { width: 4000, height: 4000 })).toBeLessThanOrEqual(Math.ceil(1536 * 1.72));
  });

  it('assumes 1024 x 1024 when the size is unknown', () => {
    expect(imageTokens('gpt-4o', undefined, null)).toBe(765);
    expect(imageTokens('llava-1.6', 'high', null)).toBe(765);
  });
});
