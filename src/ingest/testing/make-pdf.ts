/**
 * A minimal PDF 1.4 writer for tests and examples: Helvetica text lines, optional metadata, correct
 * xref offsets. Enough for pdf.js to extract text; no fonts embedded, no compression.
 */
export interface PdfSpec {
  /** One string per page; lines longer than `wrapAt` are wrapped at spaces. */
  pages: string[];
  title?: string;
  author?: string;
  /** ISO date, written as the PDF's CreationDate. */
  created?: string;
  /** Draw a box instead of text: a page a scanner would make, with no text layer. */
  withoutText?: boolean;
  wrapAt?: number;
}

const FONT_SIZE = 10;
const LEADING = 14;
const TOP = 790;
const LEFT = 56;

export function makePdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageCount = spec.pages.length;
  // Object numbers: 1 catalog, 2 pages, 3 font, then page/content pairs, then the info dictionary.
  const pageIds = spec.pages.map((_, i) => 4 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  for (const [i, page] of spec.pages.entries()) {
    const contentId = (pageIds[i] as number) + 1;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`,
    );
    const content = spec.withoutText ? '0.5 g 56 400 480 300 re f' : textStream(page, spec.wrapAt ?? 95);
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  }
  const info: string[] = [];
  if (spec.title !== undefined) info.push(`/Title (${escapePdfString(spec.title)})`);
  if (spec.author !== undefined) info.push(`/Author (${escapePdfString(spec.author)})`);
  if (spec.created !== undefined) info.push(`/CreationDate (D:${spec.created.replace(/-/g, '')}000000Z)`);
  const infoId = info.length > 0 ? objects.length + 1 : null;
  if (info.length > 0) add(`<< ${info.join(' ')} >>`);

  // Every character is below U+0100 and written as one byte, so string offsets are byte offsets. The
  // second line's high bytes tell transfer tools the file is binary, as the spec recommends.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (const [i, body] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoId === null ? '' : ` /Info ${infoId} 0 R`} >>\n`;
  out += `startxref\n${xrefAt}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

function textStream(page: string, wrapAt: number): string {
  const lines = page.split('\n').flatMap((line) => wrap(line, wrapAt));
  const ops = [`BT /F1 ${FONT_SIZE} Tf ${LEADING} TL ${LEFT} ${TOP} Td`];
  for (const [i, line] of lines.entries()) {
    if (i > 0) ops.push('T*');
    if (line !== '') ops.push(`(${escapePdfString(line)}) Tj`);
  }
  ops.push('ET');
  return ops.join('\n');
}

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  out.push(current);
  return out;
}

// WinAnsiEncoding codes for the typographic characters reports use; anything else outside ASCII is "?".
const WIN_ANSI: Record<string, number> = {
  '–': 0x96,
  '—': 0x97,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
};

function escapePdfString(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (char === '\\' || char === '(' || char === ')') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (WIN_ANSI[char] !== undefined) out += `\\${WIN_ANSI[char].toString(8)}`;
    else if (code >= 0xa0 && code <= 0xff) out += `\\${code.toString(8)}`;
    else out += '?';
  }
  return out;
}
