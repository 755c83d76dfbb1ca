// Plain code-unit order. String.prototype.localeCompare and toLocaleString start ICU on their
// first call — milliseconds a CLI pays at every start — and ids need no collation.
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Regular expressions live at module level throughout: a literal inside a function is a new
// RegExp object at every call, and these run per value of a report (~2,500 strings a comparison).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
const LINE_BREAKS = /[\t\n\r]/g;
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g; // only for what is not a whole number (compiled when first used)

/** 1234567 → "1,234,567" (whole numbers, as en-US writes them). */
export function groupDigits(n: number | bigint): string {
  const neg = n < 0;
  const digits = (neg ? -n : n).toString();
  if (digits.length <= 3) return neg ? `-${digits}` : digits;
  // In threes from the right, by hand (a regular expression is compiled at its first use) —
  // for whole numbers; anything else ("1234.5", "1e+21", "Infinity") as the expression did.
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return (neg ? "-" : "") + digits.replace(THOUSANDS, ",");
  }
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return (neg ? "-" : "") + out;
}

/** 200000 → "200K", 1048576 → "1.05M": token counts as people say them. */
export function compactTokens(n: number | null | undefined): string {
  if (n == null) return "—";
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(1)}K`;
  return String(n);
}

/** A user-supplied name in a message: quoted, control characters escaped, long ones cut. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}

export type JsonPath = readonly (string | number)[];

/** `steps[2].agent.turns` — how every message names a place in a JSON document. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part) && part.length <= 60) out += out ? `.${part}` : part;
    else out += `[${quote(part)}]`;
  }
  return out || "(top level)";
}


/**
 * Text from files (names, ids, sources) as a terminal should show it: control characters (an
 * ESC that would recolour or move the cursor, a NUL, a newline that would forge a line) become
 * visible "�" or, for line breaks and tabs, a space.
 */
export function printable(text: string): string {
  return CONTROL.test(text) ? text.replace(LINE_BREAKS, " ").replace(CONTROLS, "\uFFFD") : text;
}
