/**
 * Σ_{i=0}^{n-1} ⌊(a·i + b) / m⌋ for n, a, b ≥ 0 and m > 0, in O(log m) steps (the Euclid-like
 * reduction from the AtCoder Library). It is what lets an agent with a cache hit rate below 1
 * — cachedInput_k = ⌊h · prompt_{k-1}⌋ — be summed over a million turns without a loop.
 */
export function floorSum(n: bigint, m: bigint, a: bigint, b: bigint): bigint {
  if (n < 0n || m <= 0n || a < 0n || b < 0n) throw new RangeError("floorSum: arguments out of range");
  // Every estimate of a caching agent sums this, cold, per price band: in BigInts each of the
  // loop's ~15 operations per step is an allocation. Where the sum and every quantity on the way
  // stay below 2^53 (see floorSumSmall), doubles give the same integers.
  const N = Number(n);
  const M = Number(m);
  const A = Number(a);
  const B = Number(b);
  if (N < 2 ** 26 && A * N + B < 2 ** 50 && (A * N * N + 2 * B * N) / M < 2 ** 50) return BigInt(floorSumSmall(N, M, A, B));
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
    const t = m;
    m = a;
    a = t;
  }
}

/**
 * The same steps in doubles, for arguments the caller has bounded: n < 2^26 (so n·(n−1) is
 * exact), a·n + b < 2^50 (yMax never grows: m·⌊y/m⌋ + y mod m = y, so it bounds every a·n + b
 * after it) and the sum itself < 2^50 (each term added is part of it). The guard is computed in
 * doubles with a margin of 8 below 2^53. A quotient of integers under 2^53 floors exactly: the
 * rounding error of a/m is smaller than its distance to the next integer, at least 1/m.
 */
function floorSumSmall(n: number, m: number, a: number, b: number): number {
  let ans = 0;
  for (;;) {
    if (a >= m) {
      ans += ((n * (n - 1)) / 2) * Math.floor(a / m);
      a %= m;
    }
    if (b >= m) {
      ans += n * Math.floor(b / m);
      b %= m;
    }
    const yMax = a * n + b;
    if (yMax < m) return ans;
    n = Math.floor(yMax / m);
    b = yMax % m;
    const t = m;
    m = a;
    a = t;
  }
}
