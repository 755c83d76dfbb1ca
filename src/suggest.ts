import { byText } from "./text.ts";

// "Did you mean …?" for model names, keys and presets: names that contain what was typed
// first (`sonnet` → claude-sonnet-*), then edit distance, ties by shorter name.

/**
 * Edit distance costs the product of the two lengths: a 7.9 MB name against a hundred ids took a
 * minute and a half. Ids and keys are a few dozen characters, so a name this long is no typo of
 * one; it is matched by its start only, and no string is compared past this many characters.
 */
export const MAX_COMPARED = 256;

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      // Adjacent transposition ("inptu" → "input") counts as one edit.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cur[j] = Math.min(cur[j]!, (prev[j - 2] ?? Infinity) + 1);
      }
    }
    prev = cur;
  }
  return prev[b.length]!;
}

interface Scored {
  c: string;
  /** Edit distance, less 2 when one name contains the other (a better match than its distance says). */
  d: number;
  /** Raw edit distance. */
  raw: number;
  /** The candidate contains the input. */
  contains: boolean;
}

const cut = (s: string) => s.slice(0, MAX_COMPARED).toLowerCase();

function scored(input: string, candidates: Iterable<string>): Scored[] {
  const needle = cut(input);
  return [...new Set(candidates)].map((c) => {
    const hay = cut(c);
    const contains = hay.includes(needle);
    const raw = editDistance(needle, hay);
    return { c, raw, contains, d: raw - (contains || needle.includes(hay) ? 2 : 0) };
  });
}

const nearer = (x: Scored, y: Scored) => x.d - y.d || x.c.length - y.c.length || byText(x.c, y.c);

/** The `n` candidates closest to `input`, nearest first (case-insensitive). */
export function closest(input: string, candidates: Iterable<string>, n = 3): string[] {
  if (input.length > MAX_COMPARED) return byPrefix(input, candidates, n);
  // Containment outranks distance: "sonnet" is 6 edits from "o3" but 9 from "claude-sonnet-5".
  return scored(input, candidates)
    .sort((x, y) => Number(y.contains) - Number(x.contains) || nearer(x, y))
    .slice(0, n)
    .map((x) => x.c);
}

/** The one candidate close enough to be a probable typo, if any. */
export function likelyTypo(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > MAX_COMPARED) return undefined;
  // By distance alone: a key that merely appears inside a long one is no typo of it.
  const best = scored(input, candidates).sort(nearer)[0];
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(best.c.length / 3));
  return best.raw <= limit ? best.c : undefined;
}

/** Candidates sharing the longest start with `input`, then shorter, then in text order. */
function byPrefix(input: string, candidates: Iterable<string>, n: number): string[] {
  const needle = cut(input);
  const shared = (c: string) => {
    const hay = cut(c);
    let i = 0;
    while (i < hay.length && hay[i] === needle[i]) i++;
    return i;
  };
  return [...new Set(candidates)]
    .map((c) => ({ c, p: shared(c) }))
    .sort((x, y) => y.p - x.p || x.c.length - y.c.length || byText(x.c, y.c))
    .slice(0, n)
    .map((x) => x.c);
}
