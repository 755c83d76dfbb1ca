import { describe, expect, it } from "vitest";
import { colorLevel } from "../src/commands/context.ts";
import { estimate } from "../src/engine/estimate.ts";
import { bundledPricing, pricingFields } from "../src/pricing/bundled.ts";
import { statusAt } from "../src/pricing/lifecycle.ts";
import { Registry } from "../src/pricing/registry.ts";
import { validatePricingFile } from "../src/pricing/validate.ts";
import { parseWorkload } from "../src/workload/parse.ts";
import { PRESETS } from "../src/workload/presets.ts";

describe("colour level", () => {
  it.each<[Record<string, string>, boolean, number]>([
    [{}, false, 0], // not a terminal
    [{}, true, 2], // a terminal: what chalk detects (2 here)
    [{ NO_COLOR: "1" }, true, 0],
    [{ NO_COLOR: "1", FORCE_COLOR: "3" }, false, 0], // NO_COLOR wins
    [{ NO_COLOR: "" }, true, 2], // an empty NO_COLOR is not set (no-color.org)
    [{ FORCE_COLOR: "" }, false, 1],
    [{ FORCE_COLOR: "true" }, false, 1],
    [{ FORCE_COLOR: "0" }, true, 0],
    [{ FORCE_COLOR: "false" }, true, 0],
    [{ FORCE_COLOR: "9" }, false, 3], // clamped
    [{ TERM: "dumb" }, true, 0],
  ])("%j on a %s terminal → %d", (env, tty, level) => {
    expect(colorLevel(env, tty, () => 2)).toBe(level);
  });
});

describe("pricing files: what the schema cannot say", () => {
  const model = (id: string, extra: object = {}) => ({ id, rates: { input: 1, output: 1 }, ...extra });
  it("an id or alias twice in a file", () => {
    expect(() => validatePricingFile({ provider: "p", models: [model("a"), model("b", { aliases: ["A"] })] }, "f.json")).toThrowError(
      'f.json: models[1]: "A" is already the id or an alias of models[0]',
    );
  });
  it("tiers out of order", () => {
    const tiers = [
      { aboveInputTokens: 200000, rates: { input: 2 } },
      { aboveInputTokens: 100000, rates: { input: 3 } },
    ];
    expect(() => validatePricingFile({ provider: "p", models: [model("a", { tiers })] }, "f.json")).toThrowError(
      "f.json: models[0].tiers: tiers must be in increasing aboveInputTokens order",
    );
  });
});

describe("the registry the CLI bundle carries inline", () => {
  it("prices every model exactly as the full registry does", () => {
    const full = new Registry(bundledPricing("full"));
    const slim = new Registry(bundledPricing("full").map(({ file, origin }) => ({ file: pricingFields(file), origin })));
    const workloads = [
      ...PRESETS.map((p) => parseWorkload(p.workload, { label: p.name, defaultName: p.name })),
      parseWorkload({ input: 300000, cachedInput: 1000, cacheWrite: 1000, cacheTtl: "1h", output: 100 }, { label: "tier", defaultName: "tier" }),
    ];
    for (const at of ["2026-11-27", "2026-12-15", "2027-01-02"]) {
      for (const m of full.all()) {
        for (const w of workloads) {
          const opts = { at, allowRetired: true };
          const [a, b] = [estimate(w, full, m.id, opts), estimate(w, slim, m.id, opts)];
          expect([b.cost.total.toString(), b.time.total, b.fits, b.warnings], `${m.id} ${w.name} ${at}`).toEqual([
            a.cost.total.toString(),
            a.time.total,
            a.fits,
            a.warnings,
          ]);
          expect(statusAt(slim.get(m.id), at)).toBe(statusAt(m, at));
        }
      }
    }
  });
});
