import { type DocumentKind, ReadDocument, type SourceFormat } from '../core/document.js';
import { InvalidInputError } from '../core/errors.js';
import { decodeText } from './decode-text.js';
import { detectTextFormat, extensionOf, isPdf } from './detect-format.js';
import { guessLanguage } from './guess-language.js';
import { normalizeLanguageTag } from './html-metadata.js';
import { findMarkdownTitle, findPublishedDate, findTextTitle, guessKind } from './text-clues.js';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export interface ReadOptions {
  /** Inputs larger than this are refused before anything parses them. */
  maxBytes?: number;
  /**
   * The day the input was published (YYYY-MM-DD), for a text that does not say: a wire copied
   * without its date line ("YANGON, April 12 (Reuters)") dates nothing without a year. A date the
   * document states wins.
   */
  published?: string | null;
}

/**
 * One input's bytes to the text Tally keeps and what the input says about itself. The format comes
 * from the content first (a page saved as .txt is still HTML), the extension second. Plain text and
 * Markdown are kept exactly as decoded, so evidence offsets line up with the file on disk.
 *
 * @throws InvalidInputError naming `name` and the problem (binary, empty, not decodable, too large...).
 */
// The HTML and PDF readers (linkedom, Readability, unpdf) load when a first such input comes: a
// folder of plain-text wires started in twice the time for them.
const readers = {
  html: () => import('./read-html.js'),
  pdf: () => import('./read-pdf.js'),
};

export async function readDocument(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<ReadDocument> {
  const doc = await readAsWritten(bytes, name, options);
  if (doc.published !== null || !options.published) return doc;
  return { ...doc, published: options.published, published_given: true };
}

async function readAsWritten(bytes: Uint8Array, name: string, options: ReadOptions): Promise<ReadDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    const limit = formatSize(maxBytes);
    // 20 MB and one byte still rounds to "20 MB"; say exactly how much when rounding hides it.
    const size = formatSize(bytes.length) === limit ? `${bytes.length} bytes` : formatSize(bytes.length);
    throw new InvalidInputError(name, `larger than the ${limit} limit (--max-bytes): ${size}`);
  }
  if (bytes.length === 0) throw new InvalidInputError(name, 'empty file');
  if (isPdf(bytes)) return readPdfDocument(bytes, name);

  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const damaged = extensionOf(name) === 'pdf' ? 'named .pdf but has no %PDF- header (damaged?); ' : '';
    throw new InvalidInputError(name, `${damaged}${decoded.problem}`);
  }
  const text = decoded.text;
  const format = detectTextFormat(text, name);
  if (format === 'html') {
    const { readHtml } = await readers.html();
    const result = readHtml(text);
    if (!result.ok) throw new InvalidInputError(name, result.problem);
    const html = result.reading;
    return build(name, {
      text: html.text,
      format,
      title: html.title,
      publisher: html.publisher,
      kind: guessKind(html.text, { format, infobox: html.infobox, article: html.article, publisher: html.publisher }),
      published: html.published ?? findPublishedDate(html.text),
      language: html.language ?? guessLanguage(html.text),
    });
  }
  return build(name, {
    text,
    format,
    title: format === 'markdown' ? findMarkdownTitle(text) : findTextTitle(text),
    publisher: null,
    kind: guessKind(text, { format }),
    published: findPublishedDate(text),
    language: guessLanguage(text),
  });
}

async function readPdfDocument(bytes: Uint8Array, name: string): Promise<ReadDocument> {
  const { readPdf } = await readers.pdf();
  const result = await readPdf(bytes);
  if (!result.ok) throw new InvalidInputError(name, result.problem);
  const pdf = result.reading;
  return build(name, {
    text: pdf.text,
    format: 'pdf',
    title: pdf.title ?? findTextTitle(pdf.text),
    // Not the Author field: it holds a staff login as often as an organisation.
    publisher: null,
    kind: guessKind(pdf.text, { format: 'pdf' }),
    published: findPublishedDate(pdf.text) ?? pdf.created,
    language: (pdf.language === null ? null : normalizeLanguageTag(pdf.language)) ?? guessLanguage(pdf.text),
  });
}

/**
 * The document as read, refused when it holds a NUL character past the first 8 KB that decodeText
 * looks at: PostgreSQL cannot store one in text, and the same file must not go into one store and
 * stop a batch of the other.
 */
function build(
  name: string,
  fields: {
    text: string;
    format: SourceFormat;
    title: string | null;
    publisher: string | null;
    kind: DocumentKind;
    published: string | null;
    language: string | null;
  },
): ReadDocument {
  for (const [field, value] of Object.entries(fields)) {
    const at = typeof value === 'string' ? value.indexOf('\u0000') : -1;
    if (at !== -1)
      throw new InvalidInputError(
        name,
        `its ${field} holds a NUL character (U+0000) at character ${at}, which cannot be stored`,
      );
  }
  return ReadDocument.parse(fields);
}

const MB = 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
