/**
 * The report's one stylesheet, inline so the file stands alone. A4 with margins for binding; each
 * incident starts a page; tables, figures and claim rows never split across pages; link targets are
 * written out in print, where they cannot be followed.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #c8c8c8; --mark: #fff2a8; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, 'DejaVu Serif', serif; color: var(--ink); margin: 0 auto; max-width: 52rem; padding: 1.5rem; }
h1, h2, h3 { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif; line-height: 1.2; }
h1 { font-size: 20pt; margin: 0 0 0.3rem; }
h2 { font-size: 15pt; margin: 1.6rem 0 0.6rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 12.5pt; margin: 0 0 0.4rem; }
.meta, .note, .reason { color: var(--muted); font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 9.5pt; break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; font-family: 'Helvetica Neue', Arial, sans-serif; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid var(--ink); }
tr { break-inside: avoid; }
thead { display: table-header-group; }
figure { margin: 0.6rem 0 1.2rem; break-inside: avoid; }
figcaption { font-size: 9.5pt; color: var(--muted); }
svg { max-width: 100%; height: auto; }
.sea { fill: #eef3f7; }
.country { fill: #fbfbf8; stroke: #9aa5ad; stroke-width: 0.6; }
.country-label { font: 10px Arial, sans-serif; fill: #6b7780; text-anchor: middle; }
.incidents circle { fill-opacity: 0.8; stroke: #fff; stroke-width: 1; }
.bars rect { fill: #3b6e8f; }
.range { stroke: #1a1a1a; stroke-width: 1; }
.axis { stroke: #1a1a1a; }
.tick { font: 9px Arial, sans-serif; fill: #333; text-anchor: middle; }
.tick.y { text-anchor: end; }
.summary-grid { display: block; }
.incident { break-before: page; padding-top: 0.4rem; }
.incident dl { display: grid; grid-template-columns: 9rem 1fr; gap: 0.1rem 0.8rem; margin: 0 0 0.6rem; font-size: 10pt; }
.incident dt { font-weight: bold; }
.incident dd { margin: 0; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 0.6rem; color: #fff; font: bold 9pt Arial, sans-serif; }
.badge.confirmed { background: #1b7837; } .badge.fair { background: #3d7d43; } .badge.weak { background: #8a6508; }
.badge.contested { background: #c2185b; } .badge.discounted { background: #616161; }
.party { font-size: 8.5pt; border: 1px solid var(--muted); border-radius: 0.3rem; padding: 0 0.25rem; margin-left: 0.3rem; white-space: nowrap; }
ol.footnotes { font-size: 9pt; padding-left: 2.2rem; margin: 0.4rem 0 0; }
ol.footnotes li { margin-bottom: 0.35rem; break-inside: avoid; }
ol.footnotes li:target { background: var(--mark); }
blockquote { margin: 0.15rem 0 0; font-style: italic; }
mark { background: var(--mark); color: inherit; }
sup a { text-decoration: none; }
a { color: #0b4f8a; }
nav ol { columns: 2; font-size: 10pt; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; }
  .source-link::after { content: ' <' attr(href) '>'; font-size: 8pt; word-break: break-all; }
  .cover { break-after: page; }
}
`;
