import type { Page } from 'playwright-core';

/** An sRGB colour with alpha, as getComputedStyle gives it ("rgb(1, 2, 3)", "rgba(1, 2, 3, 0.5)"). */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function parseColor(css: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!m) return css.trim() === 'transparent' ? { r: 0, g: 0, b: 0, a: 0 } : null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** `top` drawn over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function luminance(c: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2.1 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Background layers from the element outwards, composed onto white (or the first opaque one). */
export function effectiveBackground(layers: string[]): Rgba {
  const parsed = layers.map(parseColor).filter((c): c is Rgba => c !== null);
  const opaque = parsed.findIndex((c) => c.a >= 1);
  const stack = opaque === -1 ? parsed : parsed.slice(0, opaque + 1);
  let bg: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of stack.reverse()) bg = over(layer, bg);
  return bg;
}

interface TextSample {
  text: string;
  where: string;
  color: string;
  layers: string[];
  opacity: number;
  size: number;
  weight: number;
  image: boolean;
}

// Collects every visible piece of text (text nodes, form control values and placeholders) with its
// colour and the backgrounds of its ancestors; the test computes the ratios. A string, because the
// page's CSP runs no eval and the test is compiled without the DOM's types.
const COLLECT = `(() => {
  const samples = [];
  const layersOf = (el) => {
    const layers = [];
    let opacity = 1;
    let image = false;
    for (let a = el; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      opacity *= Number(cs.opacity);
      if (cs.backgroundImage !== 'none' && !cs.backgroundImage.startsWith('url("data:image/svg')) image = true;
      layers.push(cs.backgroundColor);
      if (/^rgb\\(/.test(cs.backgroundColor)) break;
    }
    return { layers, opacity, image };
  };
  const where = (el) => {
    const parts = [];
    for (let a = el; a && parts.length < 3; a = a.parentElement) {
      const cls = typeof a.className === 'string' && a.className ? '.' + a.className.trim().split(/\\s+/).join('.') : '';
      parts.unshift(a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + cls);
    }
    return parts.join(' > ');
  };
  const visible = (el, rects) => {
    // checkVisibility: not hidden, and not the content of a closed <details>, which still has a box.
    if (!el.checkVisibility({ visibilityProperty: true }) || el.closest('[inert], :disabled, option')) return false;
    return [...rects].some((r) => r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0);
  };
  const add = (el, text, color) => {
    const cs = getComputedStyle(el);
    samples.push({
      text: text.trim().slice(0, 60), where: where(el), color,
      ...layersOf(el), size: parseFloat(cs.fontSize), weight: Number(cs.fontWeight),
    });
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    if (!visible(el, range.getClientRects())) continue;
    add(el, n.textContent, el instanceof SVGElement ? getComputedStyle(el).fill : getComputedStyle(el).color);
  }
  for (const el of document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=file]), select, textarea')) {
    if (!visible(el, el.getClientRects())) continue;
    if (el.value) add(el, el.value, getComputedStyle(el).color);
    else if (el.placeholder) add(el, el.placeholder, getComputedStyle(el, '::placeholder').color);
  }
  return samples;
})()`;

export interface ContrastFailure {
  text: string;
  where: string;
  ratio: number;
  needed: number;
  color: string;
  background: string;
}

const hex = (c: Rgba) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Every visible text on the page below 4.5:1 (3:1 when large: 24 px, or 18.66 px bold). */
export async function contrastFailures(page: Page): Promise<{ checked: number; failures: ContrastFailure[] }> {
  const samples = (await page.evaluate(COLLECT)) as TextSample[];
  const failures: ContrastFailure[] = [];
  for (const s of samples) {
    const fg = parseColor(s.color);
    if (!fg) throw new Error(`cannot read the colour ${s.color} of “${s.text}” (${s.where})`);
    if (s.image) throw new Error(`“${s.text}” (${s.where}) stands on a background image: check it by eye`);
    const bg = effectiveBackground(s.layers);
    const ratio = contrastRatio(over({ ...fg, a: fg.a * s.opacity }, bg), bg);
    const large = s.size >= 24 || (s.size >= 18.66 && s.weight >= 700);
    const needed = large ? 3 : 4.5;
    if (ratio < needed) {
      failures.push({
        text: s.text,
        where: s.where,
        ratio: Math.round(ratio * 100) / 100,
        needed,
        color: hex(fg),
        background: hex(bg),
      });
    }
  }
  return { checked: samples.length, failures };
}

/** The focused element's ring: wide enough to see, and 3:1 against what it is drawn on. */
export async function focusRing(
  page: Page,
): Promise<{ where: string; width: number; ratio: number; shadow: boolean } | null> {
  const r = (await page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const layers = [];
    for (let a = el.parentElement; a; a = a.parentElement) {
      const bg = getComputedStyle(a).backgroundColor;
      layers.push(bg);
      if (/^rgb\\(/.test(bg)) break;
    }
    const label = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.getAttribute('name') || '';
    return {
      where: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + label,
      style: cs.outlineStyle, width: parseFloat(cs.outlineWidth) || 0, color: cs.outlineColor,
      shadow: cs.boxShadow, layers,
    };
  })()`)) as {
    where: string;
    style: string;
    width: number;
    color: string;
    shadow: string;
    layers: string[];
  } | null;
  if (!r) return null;
  const bg = effectiveBackground(r.layers);
  if (r.style === 'none' || r.width === 0) {
    // A ring drawn as a box-shadow (MapLibre's controls): "rgb(0, 150, 255) 0px 0px 2px 2px", blur then spread.
    const color = /rgba?\([^)]*\)/.exec(r.shadow)?.[0];
    const lengths = [...r.shadow.replace(/rgba?\([^)]*\)/, '').matchAll(/(-?[\d.]+)px/g)].map((m) => Number(m[1]));
    const ring = color ? parseColor(color) : null;
    const width = (lengths[3] ?? 0) + (lengths[2] ?? 0) / 2;
    return { where: r.where, width, ratio: ring ? contrastRatio(over(ring, bg), bg) : 0, shadow: true };
  }
  const ring = parseColor(r.color);
  return { where: r.where, width: r.width, ratio: ring ? contrastRatio(over(ring, bg), bg) : 0, shadow: false };
}
