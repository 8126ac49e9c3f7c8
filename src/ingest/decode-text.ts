/**
 * Bytes to text, or the reason they are not text. Returns a problem string rather than throwing so
 * the caller names the file once, in one place.
 */
export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }
  | { ok: false; problem: string };

const SNIFF_BYTES = 8192;
// Above this share of control characters a file is data, not prose, even if it happens to decode.
const MAX_CONTROL_SHARE = 0.1;

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, problem: 'empty file' };
  const utf16 = utf16Encoding(bytes);
  if (utf16 !== null) return decodeUtf16(bytes, utf16);

  const head = bytes.subarray(0, SNIFF_BYTES);
  const known = knownBinaryFormat(head);
  if (known !== null) return { ok: false, problem: `binary content (looks like ${known})` };
  if (head.includes(0)) return { ok: false, problem: describeNulBytes(head) };
  const controls = countControlBytes(head);
  if (controls / head.length > MAX_CONTROL_SHARE)
    return { ok: false, problem: describeControls(controls, head.length) };

  let text: string;
  try {
    // The default (ignoreBOM: false) drops a leading UTF-8 BOM, which is what we want.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = findInvalidUtf8(bytes);
    return {
      ok: false,
      problem: `not decodable: not valid UTF-8 text (invalid byte sequence at offset ${offset}) and no UTF-16 byte-order mark; save it as UTF-8`,
    };
  }
  return checkText(text, 'utf-8');
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (bytes.length % 2 !== 0) {
    return {
      ok: false,
      problem: `not decodable: ${encoding.toUpperCase()} byte-order mark but an odd number of bytes`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problem: `not decodable: ${encoding.toUpperCase()} byte-order mark but invalid UTF-16 (unpaired surrogate)`,
    };
  }
  const head = text.slice(0, SNIFF_BYTES);
  if (head.includes('\u0000')) return { ok: false, problem: 'binary content (NUL characters in the first 8 KB)' };
  let controls = 0;
  for (let i = 0; i < head.length; i++) if (isControl(head.charCodeAt(i))) controls++;
  if (head.length > 0 && controls / head.length > MAX_CONTROL_SHARE) {
    return { ok: false, problem: describeControls(controls, head.length) };
  }
  return checkText(text, encoding);
}

function checkText(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Decoded {
  if (text.length === 0) return { ok: false, problem: 'empty file (only a byte-order mark)' };
  if (text.trim().length === 0) return { ok: false, problem: 'empty file (only whitespace)' };
  return { ok: true, text, encoding };
}

// Magic numbers of what people most often drop into a folder of reports by mistake.
const BINARY_MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive: .docx, .xlsx, .odt or .zip'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Office file: .doc or .xls'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

function knownBinaryFormat(head: Uint8Array): string | null {
  for (const [magic, label] of BINARY_MAGIC) {
    if (magic.every((byte, i) => head[i] === byte)) return label;
  }
  return null;
}

function describeNulBytes(head: Uint8Array): string {
  // UTF-16 text without a BOM is NUL in every other byte; saying so saves someone an afternoon.
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  const half = head.length / 2;
  const looksUtf16 = (oddNuls > half * 0.8 && evenNuls === 0) || (evenNuls > half * 0.8 && oddNuls === 0);
  return looksUtf16
    ? 'binary content (NUL bytes in the first 8 KB; UTF-16 text without a byte-order mark?)'
    : 'binary content (NUL bytes in the first 8 KB)';
}

function describeControls(controls: number, total: number): string {
  const share = Math.round((controls / total) * 100);
  return `binary content (${share}% control characters in the first 8 KB)`;
}

function countControlBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (isControl(b)) n++;
  return n;
}

/** C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL. */
function isControl(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // Overlong forms after E0, UTF-16 surrogates after ED.
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    if (i + need >= bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
