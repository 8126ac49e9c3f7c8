/**
 * A pure function of a string, remembered: reports of one war name the same places and groups again
 * and again, and folding a name to its key costs more than looking it up. Past `limit` keys the
 * memory is forgotten wholesale, so it stays bounded whatever the corpus.
 */
export function remembered<T>(compute: (key: string) => T, limit = 50_000): (key: string) => T {
  let memory = new Map<string, T>();
  return (key) => {
    let value = memory.get(key);
    if (value === undefined && !memory.has(key)) {
      value = compute(key);
      if (memory.size >= limit) memory = new Map();
      memory.set(key, value);
    }
    return value as T;
  };
}
