// An amount too small for display precision ($0.00 at nine decimals) printed from its exact
// decimal, so a verdict on it can be read; a vanishing one (a rate times 1e-300) in scientific
// notation rather than three hundred zeros.

/** "$0.000000000000001", "-$0.0000105", "$1.234e-306" (digits past the fourth are cut, not rounded). */
export function exactUsd(exact: string, signed = false): string {
  const neg = exact.startsWith("-");
  const abs = neg ? exact.slice(1) : exact;
  const sign = neg ? "-" : signed ? "+" : "";
  const m = /^0\.(0*)(\d+)$/.exec(abs);
  if (!m || abs.length <= 24) return `${sign}$${abs}`;
  const [, zeros, digits] = m as unknown as [string, string, string];
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1, 4)}` : digits;
  return `${sign}$${mantissa}e-${zeros.length + 1}`;
}
