import type { Workload } from "./types.ts";

// A parsed workload as JSON text and back: hit rates are exact BigInt fractions, which JSON
// cannot hold, so they travel as {"$bigint": "…"}. The CLI bundle carries the presets this way,
// parsed at build time, so that the everyday path needs no validator.

export const serializeWorkloads = (workloads: Record<string, Workload>): string =>
  JSON.stringify(workloads, (_, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v));

export const reviveWorkloads = (text: string): Record<string, Workload> =>
  JSON.parse(text, (_, v) => (v && typeof v === "object" && typeof v.$bigint === "string" ? BigInt(v.$bigint) : v));
