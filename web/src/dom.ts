/**
 * The only way this page makes elements. Text always goes in as text nodes, never as markup, so a
 * report that contains `<script>` shows those characters instead of running them.
 */
export type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-GB');
}

/** "12–40" with the best in between when it differs from both. */
export function formatEstimate(low: number | null, best: number | null, high: number | null): string {
  if (low === null && best === null && high === null) return 'unknown';
  const parts = [low, best, high].filter((v, i, all) => v !== null && all.indexOf(v) === i) as number[];
  return parts.map((v) => v.toLocaleString('en-GB')).join(' · ');
}

/** Each cell carries its column's heading, so a narrow screen can show a row as a labelled card (style.css). */
export function labelColumns(table: HTMLTableElement): HTMLTableElement {
  const headings = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent ?? '');
  table.classList.add('stack');
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      [...row.cells].forEach((cell, i) => {
        if (headings[i]) cell.dataset.label = headings[i];
      });
    }
  }
  return table;
}
