import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DomDocument, DomElement } from './dom-types.js';
import { findInfoboxTables, readInfobox, renderInfobox } from './html-infobox.js';
import { limitNesting, MAX_ELEMENTS, READABILITY_BUDGET, tidyTree } from './html-limits.js';
import { type HtmlMetadata, readHtmlMetadata } from './html-metadata.js';
import { renderText } from './html-text.js';
import { parseLooseDate } from './parse-loose-date.js';

export interface HtmlReading {
  text: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  language: string | null;
  infobox: boolean;
  article: boolean;
}

export type HtmlResult = { ok: true; reading: HtmlReading } | { ok: false; problem: string };

// Removed before anything reads the page: they are never text, whatever Readability decides. A <title>
// or <textarea> in the body goes too: linkedom writes their text back unescaped, so "</title>" in it
// would turn into markup when Readability re-parses the body.
const STRIP_SELECTOR = 'script, style, noscript, template, svg, math, iframe, object, embed, textarea, body title';

/**
 * Page text: infobox tables read cell by cell first (Readability glues their cells), then the
 * article via Readability, falling back to the whole body when Readability finds no article.
 */
export function readHtml(page: string): HtmlResult {
  const { html, elements, depth } = limitNesting(page);
  if (elements > MAX_ELEMENTS) {
    return {
      ok: false,
      problem: `${elements.toLocaleString('en')} elements of markup, more than the ${MAX_ELEMENTS.toLocaleString('en')} a page may have (a data export saved as HTML?)`,
    };
  }
  const noText = {
    ok: false,
    problem: 'no text found after removing markup (only images, scripts or empty elements?)',
  } as const;
  const prepared = prepare(html);
  if (prepared === null) return noText;
  const { document, metadata, infoboxes } = prepared;
  const article = elements * depth <= READABILITY_BUDGET ? readArticle(document, metadata.title) : null;
  // Readability rearranges the document as it goes; the fallback reads a fresh copy.
  const mainText = article?.text || bodyText(prepare(html)?.document, metadata.title);
  if (mainText === '' && infoboxes.length === 0) return noText;
  const blocks = [
    ...(metadata.title === null ? [] : [metadata.title]),
    ...infoboxes.map(renderInfobox),
    ...(mainText === '' ? [] : [mainText]),
  ];
  return {
    ok: true,
    reading: {
      text: blocks.join('\n\n'),
      title: metadata.title,
      publisher: metadata.publisher ?? article?.siteName ?? null,
      published: metadata.published ?? parseLooseDate(article?.publishedTime ?? ''),
      language: metadata.language,
      infobox: infoboxes.length > 0,
      article: metadata.article,
    },
  };
}

interface Prepared {
  document: DomDocument;
  metadata: HtmlMetadata;
  infoboxes: ReturnType<typeof readInfobox>[];
}

function prepare(html: string): Prepared | null {
  const document = parseDocument(html);
  if (document === null) return null;
  tidyTree(document);
  const metadata = readHtmlMetadata(document);
  for (const element of [...document.querySelectorAll(STRIP_SELECTOR)]) element.remove();
  const root = rootOf(document);
  const infoboxes: Prepared['infoboxes'] = [];
  if (root !== null) {
    for (const table of findInfoboxTables(root)) {
      const entries = readInfobox(table);
      if (entries.length > 0) infoboxes.push(entries);
      table.remove();
    }
  }
  return { document, metadata, infoboxes };
}

interface Article {
  text: string;
  siteName: string | null;
  publishedTime: string | null;
}

function readArticle(document: DomDocument, title: string | null): Article | null {
  let parsed: ReturnType<Readability<DomElement>['parse']>;
  try {
    // Readability is typed against the browser DOM; linkedom's document is close enough in practice.
    parsed = new Readability<DomElement>(document as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (node) => node as unknown as DomElement,
    }).parse();
  } catch {
    // Readability gives up on some malformed pages by throwing; the body fallback still reads them.
    return null;
  }
  if (!parsed?.content) return null;
  return {
    text: renderText(parsed.content, { skipHeading: title }),
    siteName: parsed.siteName ?? null,
    publishedTime: parsed.publishedTime ?? null,
  };
}

function bodyText(document: DomDocument | undefined, title: string | null): string {
  const root = document === undefined ? null : rootOf(document);
  return root === null ? '' : renderText(root, { skipHeading: title });
}

/**
 * linkedom needs an <html> root; fragments and pages that omit it get one, as a browser would. Null
 * when even that yields no element tree (say, everything sits inside an unclosed comment).
 */
function parseDocument(html: string): DomDocument | null {
  const withoutDoctype = html.replace(/^\s*<!doctype[^>]*>/i, '');
  const inBody = `<!DOCTYPE html><html><head></head><body>${withoutDoctype}</body></html>`;
  const candidates = /<html[\s>]/i.test(html)
    ? [html, inBody]
    : [/<(?:head|body)[\s>]/i.test(withoutDoctype) ? `<!DOCTYPE html><html>${withoutDoctype}</html>` : inBody, inBody];
  for (const source of candidates) {
    const document = parseHTML(source).document as DomDocument;
    if (document.documentElement !== null) return document;
  }
  return null;
}

/** linkedom's `body` getter throws on a document without a root element. */
function rootOf(document: DomDocument): DomElement | null {
  if (document.documentElement === null) return null;
  return document.body ?? document.documentElement;
}
