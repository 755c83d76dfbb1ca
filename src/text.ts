// Plain code-unit order. String.prototype.localeCompare and toLocaleString start ICU on their
// first call — milliseconds a CLI pays at every start — and ids need no collation.
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** 1234567 → "1,234,567" (whole numbers, as en-US writes them). */
export function groupDigits(n: number | bigint): string {
  const neg = n < 0;
  const digits = (neg ? -n : n).toString();
  return (neg ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A user-supplied name in a message: quoted, control characters escaped, long ones cut. */
export function quote(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
