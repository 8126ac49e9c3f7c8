import { describe, expect, it } from 'vitest';
import { decodeText, findInvalidUtf8 } from './decode-text.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [hi, lo] = [code >> 8, code & 0xff];
    out.set(endian === 'le' ? [lo, hi] : [hi, lo], 2 + i * 2);
  }
  return out;
}

describe('decodeText', () => {
  it('keeps UTF-8 text exactly, CRLF and trailing spaces included', () => {
    const text = 'KABUL \r\n\r\nTwo lines.  \n';
    expect(decodeText(utf8(text))).toEqual({ ok: true, text, encoding: 'utf-8' });
  });

  it('strips a UTF-8 byte-order mark and nothing else', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(' Kunduz\n')]);
    expect(decodeText(bytes)).toMatchObject({ ok: true, text: ' Kunduz\n' });
  });

  it.each(['le', 'be'] as const)('decodes UTF-16 %s with a byte-order mark', (endian) => {
    expect(decodeText(utf16('Mazar-i-Sharif – مزار شریف\n', endian))).toMatchObject({
      ok: true,
      text: 'Mazar-i-Sharif – مزار شریف\n',
      encoding: `utf-16${endian}`,
    });
  });

  it('refuses an empty file and a whitespace-only file', () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, problem: 'empty file' });
    expect(decodeText(utf8(' \n\t\r\n'))).toEqual({ ok: false, problem: 'empty file (only whitespace)' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf]))).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^empty file/),
    });
  });

  it('calls NUL bytes binary, and hints at UTF-16 without a BOM', () => {
    expect(decodeText(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]))).toEqual({
      ok: false,
      problem: 'binary content (NUL bytes in the first 8 KB)',
    });
    const bomless = utf16('plain words here', 'le').subarray(2);
    expect(decodeText(bomless)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('UTF-16 text without a byte-order mark?'),
    });
  });

  it('names common binary formats people drop into a folder of reports', () => {
    expect(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]))).toEqual({
      ok: false,
      problem: 'binary content (looks like a ZIP archive: .docx, .xlsx, .odt or .zip)',
    });
    expect(decodeText(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x41]))).toMatchObject({
      problem: 'binary content (looks like a JPEG image)',
    });
  });

  it('calls a high share of control characters binary', () => {
    const bytes = utf8('ab\u0001\u0002\u0003\u0004cd\u0005\u0006');
    expect(decodeText(bytes)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^binary content \(\d+% control characters/),
    });
  });

  it('names the offset of the first invalid UTF-8 byte (Latin-1 text)', () => {
    const bytes = new Uint8Array([...utf8('Herat caf'), 0xe9, ...utf8(' and more')]);
    const result = decodeText(bytes);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.problem).toContain('not decodable');
    expect(!result.ok && result.problem).toContain('invalid byte sequence at offset 9');
  });

  it('refuses UTF-16 with an odd byte count or an unpaired surrogate', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('odd number'),
    });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not decodable'),
    });
  });
});

describe('findInvalidUtf8', () => {
  it.each([
    ['valid multi-byte text', utf8('Kabul کابل 𝔸'), -1],
    ['a lone continuation byte', new Uint8Array([0x61, 0x80]), 1],
    ['an overlong encoding', new Uint8Array([0x61, 0x62, 0xc0, 0xaf]), 2],
    ['an encoded surrogate', new Uint8Array([0xed, 0xa0, 0x80]), 0],
    ['a sequence cut off at the end', new Uint8Array([0x61, 0xe2, 0x82]), 1],
    ['a code point above U+10FFFF', new Uint8Array([0xf4, 0x90, 0x80, 0x80]), 0],
  ])('%s', (_, bytes, expected) => {
    expect(findInvalidUtf8(bytes)).toBe(expected);
  });
});
