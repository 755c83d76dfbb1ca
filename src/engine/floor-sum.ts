/**
 * Σ_{i=0}^{n-1} ⌊(a·i + b) / m⌋ for n, a, b ≥ 0 and m > 0, in O(log m) steps (the Euclid-like
 * reduction from the AtCoder Library). It is what lets an agent with a cache hit rate below 1
 * — cachedInput_k = ⌊h · prompt_{k-1}⌋ — be summed over a million turns without a loop.
 */
export function floorSum(n: bigint, m: bigint, a: bigint, b: bigint): bigint {
  if (n < 0n || m <= 0n || a < 0n || b < 0n) throw new RangeError("floorSum: arguments out of range");
  let ans = 0n;
  for (;;) {
    if (a >= m) {
      ans += ((n * (n - 1n)) / 2n) * (a / m);
      a %= m;
    }
    if (b >= m) {
      ans += n * (b / m);
      b %= m;
    }
    const yMax = a * n + b;
    if (yMax < m) return ans;
    n = yMax / m;
    b = yMax % m;
    [m, a] = [a, m];
  }
}
