import { byText } from "./text.ts";

// "Did you mean …?" for model names, keys and presets: edit distance, ties by shorter name.

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

/** The `n` candidates closest to `input`, nearest first (case-insensitive). */
export function closest(input: string, candidates: Iterable<string>, n = 3): string[] {
  const needle = input.toLowerCase();
  return [...new Set(candidates)]
    .map((c) => {
      const hay = c.toLowerCase();
      // A candidate that contains the input (or the reverse) is a better match than its distance says.
      const bonus = hay.includes(needle) || needle.includes(hay) ? -2 : 0;
      return { c, d: editDistance(needle, hay) + bonus };
    })
    .sort((x, y) => x.d - y.d || x.c.length - y.c.length || byText(x.c, y.c))
    .slice(0, n)
    .map((x) => x.c);
}

/** The one candidate close enough to be a probable typo, if any. */
export function likelyTypo(input: string, candidates: Iterable<string>): string | undefined {
  const best = closest(input, candidates, 1)[0];
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(best.length / 3));
  return editDistance(input.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}
