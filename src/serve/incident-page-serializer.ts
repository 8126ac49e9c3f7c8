import { IncidentPage } from '../core/api.js';
import { requiredWriter } from './response-serializer.js';

type Page = { items: readonly object[]; next_cursor: string | null };

const writeIncident = requiredWriter(IncidentPage.shape.items.element, 'an incident');
/** Each incident's JSON, by the object written: incidents the cache keeps are written once. */
const written = new WeakMap<object, Buffer>();
const PAGE_START = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

/**
 * The bytes of an incident page, as the page's response schema writes them, from each incident's
 * JSON written once per object. Redaction (a preSerialization hook) makes new objects, so a
 * redacted incident is written afresh and never mistaken for the original.
 */
export function writeIncidentPage(page: Page): Buffer {
  const parts: Buffer[] = [PAGE_START];
  page.items.forEach((incident, i) => {
    if (i > 0) parts.push(COMMA);
    let json = written.get(incident);
    if (!json) {
      json = Buffer.from(writeIncident(incident));
      written.set(incident, json);
    }
    parts.push(json);
  });
  const cursor = page.next_cursor === null ? 'null' : JSON.stringify(page.next_cursor);
  parts.push(Buffer.from(`],"next_cursor":${cursor}}`));
  return Buffer.concat(parts);
}
