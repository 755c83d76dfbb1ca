// Writes tests/fixtures/same-tokens-golden.json: seeded random workloads priced by the engine as
// it was before cost-per-task scaling (commit 33640c6). The test that reads it holds
// `--same-tokens` to those numbers exactly: "today's per-token comparison", restored.
// Run with: npm run build && node scripts/make-same-tokens-golden.js — only ever against that engine.
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { estimate } from "../dist/engine/estimate.js";
import { loadRegistry } from "../dist/pricing/load.js";
import { statusAt } from "../dist/pricing/lifecycle.js";
import { parseWorkload } from "../dist/workload/parse.js";

const AT = "2026-11-27";
const registry = loadRegistry();
const models = registry.all().filter((m) => statusAt(m, AT) !== "retired").map((m) => m.id);
const call = fc.record({
  input: fc.nat(300_000),
  cachedInput: fc.nat(100_000),
  cacheWrite: fc.nat(50_000),
  output: fc.nat(20_000),
  reasoning: fc.nat(20_000),
  requests: fc.integer({ min: 1, max: 50 }),
  toolSeconds: fc.nat(10),
});
const agent = fc.record({
  agent: fc.record({
    system: fc.nat(20_000),
    turns: fc.integer({ min: 1, max: 60 }),
    perTurn: fc.record({ input: fc.nat(5_000), output: fc.nat(1_000), reasoning: fc.nat(1_000), toolSeconds: fc.nat(10) }),
    caching: fc.oneof(fc.boolean(), fc.record({ hitRate: fc.constantFrom(0, 0.5, 0.9, 0.95, 1), warmSystem: fc.boolean(), ttl: fc.constantFrom("5m", "1h") })),
    keepReasoning: fc.boolean(),
  }),
});
const step = fc.oneof(call, agent);
const pinned = fc.tuple(step, fc.constantFrom(...models)).map(([s, model]) => ({ ...s, model }));
const workload = fc.oneof(
  step,
  fc.record({ steps: fc.array(fc.oneof(step, pinned), { minLength: 1, maxLength: 3 }) }),
  fc.record({ repeat: fc.integer({ min: 1, max: 5 }), steps: fc.array(step, { minLength: 1, maxLength: 2 }) }),
  fc.record({ parallel: fc.array(step, { minLength: 1, maxLength: 3 }) }),
);
const withModel = fc.record({ work: workload, model: fc.constantFrom(...models), top: fc.option(fc.constantFrom(...models), { nil: undefined }) });

const cases = fc.sample(withModel, { numRuns: 400, seed: 7 }).map(({ work, model, top }) => {
  const raw = top === undefined ? work : { model: top, ...work };
  const e = estimate(parseWorkload(raw, { label: "golden", defaultName: "golden" }), registry, model, { at: AT });
  return {
    workload: raw,
    model,
    usd: e.cost.total.toString(),
    tokens: Object.fromEntries(Object.entries(e.tokens).map(([k, v]) => [k, v.toString()])),
    seconds: e.time.total,
    fits: e.fits,
  };
});
writeFileSync(new URL("../tests/fixtures/same-tokens-golden.json", import.meta.url), `${JSON.stringify({ at: AT, engine: "33640c6", cases }, null, 1)}\n`);
console.log(`${cases.length} cases`);
