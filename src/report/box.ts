// Boxed tables, drawn in one pass. cli-table3 lays out spans by checking every cell against
// every other (quadratic: 2.5 s for 4,000 rows, minutes for a 69,000-model registry) and costs
// ~40 ms to load and lay out even 92 rows; these tables have no spans, so the layout is one
// width per column. The output is cli-table3's, character for character (a test holds it to that).

export type Align = "left" | "right";

export interface BoxTable {
  /** The table keeps the row as given (every caller builds one per push). */
  push(row: readonly string[]): void;
  toString(): string;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NARROW = /^[\u0000-\u02ff\u2000-\u200a\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u21ff\u2500-\u257f]*$/;

// East Asian Wide and Fullwidth ranges, emoji with emoji presentation among them (✅, ❌).
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f2ff], [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff], [0x20000, 0x3fffd],
];

/** Wide (East Asian, emoji) code points take two columns of a terminal; marks take none. */
function charWidth(cp: number): number {
  if (cp >= 0x300 && cp <= 0x36f) return 0;
  if (cp < 0x1100) return 1;
  if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

/** Columns a string takes on a terminal: colour codes take none. */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const plain = text.includes("\u001b") ? text.replace(ANSI, "") : text;
  // Below U+0300 (no marks, nothing wide) every UTF-16 unit is one column: "—", "×", "é".
  if (NARROW.test(plain)) return plain.length;
  let width = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0)!;
    width += cp < 0x300 ? 1 : charWidth(cp);
  }
  return width;
}

const spaces: string[] = [];
const pad = (n: number): string => (spaces[n] ??= " ".repeat(n));

export function boxTable(head: readonly string[], aligns: readonly Align[]): BoxTable {
  const rows: (readonly string[])[] = [head];
  return {
    push: (row) => void rows.push(row),
    // One measure per cell and one string per line: a comparison is ~100 rows of a dozen cells,
    // drawn cold, and every intermediate array and padding string is garbage to collect.
    toString: () => {
      const n = head.length;
      const widths: number[] = new Array<number>(n).fill(0);
      // Every cell's width in one list, row after row (not a list per row).
      const measured = new Array<number>(rows.length * n);
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k]!;
        for (let i = 0; i < n; i++) {
          const w = displayWidth(i < r.length ? String(r[i]) : "");
          measured[k * n + i] = w;
          if (w > widths[i]!) widths[i] = w;
        }
      }
      const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
      // Every piece in one list and one join: concatenating would leave a tree of partial strings.
      // The list is made at its final length (a growing one is copied each time it fills).
      const perRow = n === 0 ? 2 : 1 + 4 * n;
      const parts = new Array<string>(1 + rows.length * perRow + 2);
      let p = 0;
      parts[p++] = rule("┌", "┬", "┐");
      for (let k = 0; k < rows.length; k++) {
        const r = rows[k]!;
        parts[p++] = "\n│";
        for (let i = 0; i < n; i++) {
          const cell = i < r.length ? String(r[i]) : "";
          const fill = pad(widths[i]! - measured[k * n + i]!);
          parts[p++] = " ";
          parts[p++] = aligns[i] === "right" ? fill : cell;
          parts[p++] = aligns[i] === "right" ? cell : fill;
          parts[p++] = " │";
        }
        if (n === 0) parts[p++] = "│"; // no cells: "││", as before
      }
      parts[p++] = "\n";
      parts[p++] = rule("└", "┴", "┘");
      return parts.join("");
    },
  };
}
