import pc from 'picocolors';

/** A plain text table; columns sized to their content, long cells cut with an ellipsis. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][], maxWidth = 60): string {
  const cells = rows.map((r) => r.map((c) => clip(c === null || c === undefined ? '' : String(c), maxWidth)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [pc.bold(line(headers)), ...cells.map(line)].join('\n');
}

function clip(value: string, max: number): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function formatRange(low: number | null, high: number | null, vague: string | null): string {
  if (vague && low === null && high === null) return vague;
  if (low !== null && high !== null) return low === high ? String(low) : `${low}–${high}`;
  if (low !== null) return `≥${low}`;
  if (high !== null) return `≤${high}`;
  return '?';
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
