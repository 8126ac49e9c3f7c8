import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { shorten } from '../core/errors.js';

export interface PdfReading {
  text: string;
  title: string | null;
  /** CreationDate as YYYY-MM-DD: when the file was made, a fallback for when it was published. */
  created: string | null;
  language: string | null;
}

export type PdfResult = { ok: true; reading: PdfReading } | { ok: false; problem: string };

export async function readPdf(bytes: Uint8Array): Promise<PdfResult> {
  dropPdfjsRejections();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given; the caller still needs its bytes.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    return { ok: false, problem: describePdfError(error) };
  }
  try {
    const { text } = await extractText(pdf, { mergePages: true });
    if (text.trim() === '') return { ok: false, problem: 'no text layer (scanned PDF?); run OCR on it first' };
    const info = await getMeta(pdf, { parseDates: false })
      .then((meta) => meta.info as Record<string, unknown>)
      .catch(() => ({}) as Record<string, unknown>);
    return {
      ok: true,
      reading: {
        text,
        title: pdfTitle(infoString(info.Title)),
        created: pdfDate(infoString(info.CreationDate)),
        language: infoString(info.Language),
      },
    };
  } catch (error) {
    return { ok: false, problem: describePdfError(error) };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function describePdfError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'encrypted PDF (needs a password)';
  const message = error instanceof Error ? error.message : String(error);
  return `not a readable PDF (${shorten(message, 80)})`;
}

function infoString(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Some producers pad metadata with NULs or leave "untitled" placeholders.
  const trimmed = value.replaceAll('\u0000', '').trim();
  return trimmed === '' || /^untitled$/i.test(trimmed) ? null : trimmed;
}

/** Word and friends write "Microsoft Word - draft_v3.docx" as the title: a file name, not a title. */
function pdfTitle(title: string | null): string | null {
  if (title === null) return null;
  const stripped = title.replace(/^Microsoft (?:Word|PowerPoint|Excel) - /, '');
  return /\.(?:docx?|pptx?|xlsx?|pdf|odt|rtf)$/i.test(stripped) ? null : stripped;
}

/** "D:20230302101500+04'30'" -> "2023-03-02". */
export function pdfDate(value: string | null): string | null {
  const match = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value ?? '');
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
    ? `${year}-${month}-${day}`
    : null;
}

let dropping = false;

/**
 * pdf.js parses in this thread and, on some damaged files, leaves a promise of its own to reject
 * with no handler: it fetches the page dictionaries a /Pages tree lists ahead of need, and nothing
 * awaits one it never reads. Node ends the process on an unhandled rejection, so one such file
 * stopped a whole `tally ingest`, or the server. Rejections with pdf.js's own exceptions are
 * dropped: the reader has already reported the file. Any other unhandled rejection still ends the
 * process, as Node's default would, unless the program listens for them itself.
 */
function dropPdfjsRejections(): void {
  if (dropping) return;
  dropping = true;
  process.on('unhandledRejection', (reason) => {
    if (isPdfjsException(reason)) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}

/** pdf.js's exceptions descend from its BaseException; the worker code has its own copy of the class, so match by name. */
export function isPdfjsException(reason: unknown): boolean {
  let type: unknown = (reason as { constructor?: unknown } | null)?.constructor;
  for (let depth = 0; typeof type === 'function' && depth < 8; depth++) {
    if (type.name === 'BaseException') return true;
    type = Object.getPrototypeOf(type);
  }
  return false;
}
