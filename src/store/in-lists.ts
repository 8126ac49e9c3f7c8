/**
 * How a statement's IN lists are lengthened to a few fixed sizes, for SQLite's kept statements and
 * PostgreSQL's named ones. Kysely writes `in (?, ?, ?)` with
 * one placeholder per value, so every length of list is a statement of its own: grading a page of
 * incidents reads the documents they cite, 1 to 500 of them, and a server's threads prepared and
 * dropped a statement a second per connection, their cache of 500 always full. A list padded to
 * the next power of two (repeating its last value, which changes nothing an IN list selects) leaves
 * ten lengths up to 500.
 */
export interface InListPlan {
  /** The SQL to prepare: the text as given when it has no list to pad. */
  readonly text: string;
  /** The parameters for `text` from those of the text as given; undefined when they are the same. */
  readonly pad?: (parameters: readonly unknown[]) => unknown[];
}

/** A list of `?, ?` placeholders inside `in (...)`, as Kysely compiles it for SQLite. */
const IN_LIST = /\bin \((\?(?:, \?)*)\)/gi;

/** The length a list of `n` values is padded to: the next power of two, then multiples of 512. */
export function paddedLength(n: number): number {
  if (n <= 2) return n;
  if (n > 512) return Math.ceil(n / 512) * 512;
  return 2 ** Math.ceil(Math.log2(n));
}

/**
 * The plan for one SQL text. A text with a quote in it is left alone: a `?` inside a string literal
 * would make the placeholders' positions wrong, and Kysely puts every value in a parameter anyway.
 */
export function planInLists(text: string): InListPlan {
  if (text.includes("'")) return { text };
  // Each list that grows: where its values start among the parameters, how many, how many to add.
  const grow: { at: number; length: number; add: number }[] = [];
  let before = 0;
  let searched = 0;
  const padded = text.replace(IN_LIST, (match, list: string, offset: number) => {
    before += countPlaceholders(text, searched, offset);
    searched = offset + match.length;
    const length = (list.length + 2) / 3;
    before += length;
    const add = paddedLength(length) - length;
    if (add === 0) return match;
    grow.push({ at: before - length, length, add });
    return match.replace(list, `${list}${', ?'.repeat(add)}`);
  });
  if (grow.length === 0) return { text };
  return {
    text: padded,
    pad: (parameters) => {
      const out: unknown[] = [];
      let from = 0;
      for (const { at, length, add } of grow) {
        for (; from < at + length; from++) out.push(parameters[from]);
        const last = parameters[at + length - 1];
        for (let k = 0; k < add; k++) out.push(last);
      }
      for (; from < parameters.length; from++) out.push(parameters[from]);
      return out;
    },
  };
}

function countPlaceholders(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 63 /* ? */) n++;
  return n;
}

/**
 * The plan for one SQL text with PostgreSQL's numbered placeholders, which Kysely writes $1, $2, ...
 * in the order of the text: a padded list takes numbers of its own, and those after it move up.
 * A text whose placeholders are not in that order, or that holds a `?` (a JSON operator) or a
 * quote, is left alone.
 */
export function planNumberedInLists(text: string): InListPlan {
  if (text.includes('?') || text.includes("'")) return { text };
  let expected = 1;
  let ordered = true;
  const marked = text.replace(/\$(\d+)/g, (_, n: string) => {
    if (Number(n) !== expected) ordered = false;
    expected += 1;
    return '?';
  });
  if (!ordered) return { text };
  const plan = planInLists(marked);
  if (!plan.pad) return { text };
  let k = 0;
  return {
    text: plan.text.replace(/\?/g, () => {
      k += 1;
      return `$${k}`;
    }),
    pad: plan.pad,
  };
}

/**
 * `plan` remembered for the last `kept` texts it was asked of: Kysely writes the same texts again
 * and again, and a text is planned once.
 */
export function keptPlans(plan: (text: string) => InListPlan, kept = 2_000): (text: string) => InListPlan {
  const plans = new Map<string, InListPlan>();
  return (text) => {
    let planned = plans.get(text);
    if (planned === undefined) {
      planned = plan(text);
      if (plans.size >= kept) plans.delete(plans.keys().next().value as string);
      plans.set(text, planned);
    }
    return planned;
  };
}
