/**
 * An uploaded file's name, kept only as a label (nothing is written to disk under it): no
 * directories, no control characters (a NUL cannot even be stored on PostgreSQL), no bidi
 * overrides that make "gpj.exe" read as "exe.jpg", at most 255 characters.
 */
export function uploadLabel(filename: string, fallback = 'upload'): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? fallback : [...clean].slice(0, 255).join('');
}
