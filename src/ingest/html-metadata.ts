import type { DomDocument } from './dom-types.js';
import { flatText } from './html-text.js';
import { parseLooseDate } from './parse-loose-date.js';

export interface HtmlMetadata {
  title: string | null;
  publisher: string | null;
  published: string | null;
  language: string | null;
  /** The page calls itself an article: og:type article, article:published_time, a NewsArticle. */
  article: boolean;
}

// Suffixes we strip from <title> even when the page does not name its site elsewhere.
const KNOWN_SITES =
  /^(?:wikipedia|reuters|associated press|ap news|afp|bbc(?: news)?|al jazeera|the guardian|reliefweb|tolonews|pajhwok(?: afghan news)?|ariana news|khaama press|amu tv|the new york times|the washington post|dawn|amnesty international|human rights watch|unama|ocha)$/i;
const TITLE_SEPARATOR = /\s+[-|–—·•]\s+(?=[^-|–—·•]*$)/;

/** What the page says about itself. Call before anything strips <script> (JSON-LD lives there). */
export function readHtmlMetadata(document: DomDocument): HtmlMetadata {
  const meta = (...selectors: string[]) => {
    for (const selector of selectors) {
      const value = document.querySelector(selector)?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return null;
  };
  const linkedData = readLinkedData(document);

  let publisher =
    meta(
      'meta[property="og:site_name"]',
      'meta[name="publisher"]',
      'meta[name="og:site_name"]',
      'meta[name="application-name"]',
    ) ?? linkedData.publisher;
  const ogTitle = meta('meta[property="og:title"]', 'meta[name="og:title"]', 'meta[name="twitter:title"]');
  const titleElement = document.querySelector('title');
  const h1 = document.querySelector('h1');
  const rawTitle =
    ogTitle ??
    nonEmpty(titleElement?.textContent) ??
    linkedData.headline ??
    (h1 === null ? null : nonEmpty(flatText(h1)));
  let title: string | null = null;
  if (rawTitle !== null) {
    const split = splitSiteSuffix(rawTitle, publisher);
    title = split.title;
    publisher ??= split.site;
  }

  const publishedRaw =
    meta(
      'meta[property="article:published_time"]',
      'meta[property="og:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="dcterms.date"]',
      'meta[name="pubdate"]',
    ) ??
    linkedData.published ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;

  const htmlElement = document.documentElement;
  const language = normalizeLanguageTag(
    htmlElement?.getAttribute('lang') ??
      htmlElement?.getAttribute('xml:lang') ??
      meta('meta[http-equiv="content-language"]', 'meta[http-equiv="Content-Language"]') ??
      '',
  );
  const ogType = meta('meta[property="og:type"]', 'meta[name="og:type"]')?.toLowerCase() ?? '';

  return {
    title,
    publisher,
    published: publishedRaw === null ? null : parseLooseDate(publishedRaw),
    language,
    article: ogType === 'article' || meta('meta[property="article:published_time"]') !== null || linkedData.newsArticle,
  };
}

/** "Battle of Darzab - Wikipedia" -> title "Battle of Darzab", site "Wikipedia". */
export function splitSiteSuffix(raw: string, publisher: string | null): { title: string; site: string | null } {
  const title = raw.replace(/\s+/g, ' ').trim();
  const separator = TITLE_SEPARATOR.exec(title);
  if (separator === null) return { title, site: null };
  const head = title.slice(0, separator.index).trim();
  const suffix = title.slice(separator.index + separator[0].length).trim();
  const isSite =
    publisher !== null ? sameName(suffix, publisher) || KNOWN_SITES.test(suffix) : KNOWN_SITES.test(suffix);
  return isSite && head !== '' ? { title: head, site: suffix } : { title, site: null };
}

function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return norm(a) === norm(b);
}

/** "en_gb" -> "en-GB"; anything that is not a plausible BCP 47 tag -> null. */
export function normalizeLanguageTag(raw: string): string | null {
  const tag = raw.split(',')[0]?.trim().replace(/_/g, '-') ?? '';
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  const [primary = '', ...rest] = tag.split('-');
  const subtags = rest.map((s) => {
    if (s.length === 2 && /^[A-Za-z]+$/.test(s)) return s.toUpperCase();
    if (s.length === 4) return s[0]?.toUpperCase() + s.slice(1).toLowerCase();
    return s.toLowerCase();
  });
  return [primary.toLowerCase(), ...subtags].join('-');
}

interface LinkedData {
  headline: string | null;
  publisher: string | null;
  published: string | null;
  newsArticle: boolean;
}

/** schema.org JSON-LD, which many news sites fill more reliably than their meta tags. */
function readLinkedData(document: DomDocument): LinkedData {
  const found: LinkedData = { headline: null, publisher: null, published: null, newsArticle: false };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // Broken JSON-LD is common; the page is still readable without it.
    }
    for (const item of flatten(data)) {
      const type = [item['@type']].flat().map(String);
      if (type.some((t) => /NewsArticle|ReportageNewsArticle/.test(t))) found.newsArticle = true;
      found.headline ??= stringOf(item.headline);
      found.published ??= stringOf(item.datePublished);
      const publisher = item.publisher;
      if (publisher !== null && typeof publisher === 'object' && !Array.isArray(publisher)) {
        found.publisher ??= stringOf((publisher as Record<string, unknown>).name);
      }
    }
  }
  return found;
}

function flatten(data: unknown): Record<string, unknown>[] {
  if (Array.isArray(data)) return data.flatMap(flatten);
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  return [record, ...flatten(record['@graph'])];
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
}
