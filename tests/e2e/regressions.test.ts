import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// Issue 8 §C through the built CLI: each test kills a one-line bug that once survived the whole
// suite (named above each). Synthetic models in a pricing file keep the arithmetic plain:
//   acme-1      $2 in, $0.2 cached, $2.5 write, $10 out; context 1,000,000; 100 tok/s, TTFT 0.5 s; batch ×0.6
//   acme-small  $1 in, $1 out; context 1,000; 100 tok/s, TTFT 0.5 s
//   acme-old    $1 in, $1 out; deprecated, shuts down 2026-12-01
const AT = ["--at", "2026-11-28"];
const PRICING = tempFile("regressions/acme.json", {
  provider: "acme",
  models: [
    {
      id: "acme-1",
      rates: { input: 2, cachedInput: 0.2, cacheWrite: 2.5, output: 10 },
      limits: { contextTokens: 1000000, outputTokens: 64000 },
      speed: { outputTokensPerSecond: 100, timeToFirstTokenSeconds: 0.5 },
      serviceTiers: { batch: 0.6 },
    },
    { id: "acme-small", rates: { input: 1, output: 1 }, limits: { contextTokens: 1000 }, speed: { outputTokensPerSecond: 100, timeToFirstTokenSeconds: 0.5 } },
    { id: "acme-old", rates: { input: 1, output: 1 }, status: "deprecated", deprecationDate: "2026-12-01" },
  ],
});
const P = ["--pricing", PRICING, "--quiet"];
const W = tempFile("regressions/w.json", { input: 1000, output: 100, runs: { count: 10, per: "day" } });

/** CSV text → one object per row, keyed by column name (no quoted commas in these rows). */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split("\n").map((l) => l.split(","));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}

describe("compare: fits before cost", () => {
  // acme-1: 1,000 × $2 + 100 × $10 = 3,000 µ$, fits; acme-small: 1,000 × $1 + 100 × $1 = 1,100 µ$,
  // but 1,000 + 100 = 1,100 > its 1,000-token context.
  const compare = (...flags: string[]) => json(tokencost(["compare", W, "--models", "acme-small,acme-1", ...P, ...AT, "--json", ...flags])).results;

  // bug: `const fitting = results` — the cheapest model crowned though it does not fit.
  it("never crowns as cheapest a model that does not fit", () => {
    const byId = Object.fromEntries(compare().map((r: { model: string }) => [r.model, r]));
    expect(byId["acme-small"]).toMatchObject({ fits: false, cheapest: false, usdExact: "0.0011" });
    // × cheapest is against the cheapest that fits: 1,100 / 3,000
    expect(byId["acme-1"]).toMatchObject({ fits: true, cheapest: true, usdExact: "0.003", timesCheapest: 1 });
    expect(byId["acme-small"].timesCheapest).toBeCloseTo(1100 / 3000, 12);
  });

  // bug: the `fits` key dropped from the sort — rows by cost alone.
  it.each([["cost"], ["time"]])("sorts rows that do not fit last (--sort %s)", (sort) => {
    expect(compare("--sort", sort).map((r: { model: string; fits: boolean }) => [r.model, r.fits])).toEqual([
      ["acme-1", true],
      ["acme-small", false],
    ]);
  });

  it("the table marks the fitting model cheapest and lists the other last", () => {
    const r = tokencost(["compare", W, "--models", "acme-small,acme-1", ...P, ...AT]);
    const rows = r.stdout.split("\n").filter((l) => l.includes("acme-"));
    expect(rows[0]).toMatch(/acme-1 .*cheapest/);
    expect(rows[1]).toMatch(/acme-small .*no \(turn 1\)/);
    expect(rows[1]).not.toContain("cheapest");
  });
});

describe("CSV per-month cells", () => {
  // bug: the per-month cells filled from the wrong fields.
  it("runs_per_month and usd_per_month hold runs × 30 and cost × runs", () => {
    // 10 runs a day × 30 = 300 runs; $0.003 × 300 = $0.9
    const [row] = csvRows(tokencost(["estimate", W, "--model", "acme-1", ...P, ...AT, "--format", "csv"]).stdout);
    expect(row).toMatchObject({ model: "acme-1", usd_per_run: "0.003", seconds_per_run: "1.5", runs_per_month: "300", usd_per_month: "0.9" });
  });

  it("in compare, per row", () => {
    // acme-small: $0.0011 × 300 = $0.33; times_cheapest 1,100 / 3,000 = 0.366666667 (nine decimals)
    const rows = csvRows(tokencost(["compare", W, "--models", "acme-small,acme-1", ...P, ...AT, "--format", "csv"]).stdout);
    expect(rows.map((r) => [r.model, r.runs_per_month, r.usd_per_month, r.times_cheapest, r.fits])).toEqual([
      ["acme-1", "300", "0.9", "1", "true"],
      ["acme-small", "300", "0.33", "0.366666667", "false"],
    ]);
  });

  it("JSON perMonth.seconds is the time per run × runs", () => {
    // (0.5 s + 100 / 100 s) × 300 = 450 s
    const [r] = json(tokencost(["estimate", W, "--model", "acme-1", ...P, ...AT, "--json"])).results;
    expect(r.perMonth).toMatchObject({ runs: 300, usd: 0.9, usdExact: "0.9", seconds: 450 });
  });
});

describe("diff", () => {
  // base: acme-1, 1,000 in + 100 out: $0.003, 0.5 + 1 = 1.5 s
  // head: acme-small, 500 in + 250 out: 750 × $1 = $0.00075, 0.5 + 2.5 = 3 s
  const base = tempFile("regressions/base.json", { model: "acme-1", input: 1000, output: 100 });
  const head = tempFile("regressions/head.json", { model: "acme-small", input: 500, output: 250 });

  // bug: the row's model from the base side; time percentages against the head.
  it("a diff that switches models: the row is the head's model, time change is against the base", () => {
    const [d] = json(tokencost(["diff", base, head, ...P, ...AT, "--json"])).diffs;
    expect(d.model).toBe("acme-small");
    expect([d.base.model, d.head.model]).toEqual(["acme-1", "acme-small"]);
    // (3 − 1.5) / 1.5 = +100% (against the head it would be 50%); (0.00075 − 0.003) / 0.003 = −75%
    expect([d.base.seconds, d.head.seconds, d.deltaSeconds, d.deltaSecondsPercent]).toEqual([1.5, 3, 1.5, 100]);
    expect([d.deltaUsdExact, d.deltaPercent]).toEqual(["-0.00225", -75]);
  });

  it("the table says the same", () => {
    const r = tokencost(["diff", base, head, ...P, ...AT]);
    expect(r.stdout).toContain("acme-1 → acme-small");
    expect(r.stdout).toContain("1.5s → 3.0s (+1.5s, +100.0%)");
  });

  it("a time change the other way: 3 s → 1.5 s is −50% of the base", () => {
    const [d] = json(tokencost(["diff", head, base, ...P, ...AT, "--json"])).diffs;
    // (1.5 − 3) / 3 = −50% (against the head it would be −100%)
    expect([d.model, d.deltaSecondsPercent]).toEqual(["acme-1", -50]);
  });
});

describe("overrides", () => {
  // bug: the batch multiplier fixed at 0.5.
  it("a batch multiplier of 0.6 is honoured", () => {
    // (1,000 × $2 + 100 × $10) × 0.6 = 3,000 × 0.6 = 1,800 µ$
    const [r] = json(tokencost(["estimate", "--model", "acme-1", "--input", "1000", "--output", "100", "--batch", ...P, ...AT, "--json"])).results;
    expect([r.serviceTier, r.usdExact]).toEqual(["batch", "0.0018"]);
  });

  it("an override of a bundled model's batch multiplier is honoured", () => {
    // gemini-3.5-flash: $1.50 in, $9 out; (1,000 × 1.5 + 100 × 9) × 0.6 = 2,400 × 0.6 = 1,440 µ$
    const o = tempFile("regressions/batch-override.json", { provider: "google", models: [{ id: "gemini-3.5-flash", serviceTiers: { batch: 0.6 } }] });
    const [r] = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "1000", "--output", "100", "--batch", "--pricing", o, "--quiet", ...AT, "--json"])).results;
    expect(r.usdExact).toBe("0.00144");
  });

  // bug: an override's limits replacing the bundled ones wholesale.
  it("an override setting only contextTokens keeps the bundled outputTokens", () => {
    // gemini-3.5-flash as bundled: context 1,048,576, output 65,536
    expect(json(tokencost(["models", "show", "gemini-3.5-flash", ...AT, "--json"])).model.limits).toMatchObject({ contextTokens: 1048576, outputTokens: 65536 });
    const o = tempFile("regressions/limits-override.json", { provider: "google", models: [{ id: "gemini-3.5-flash", limits: { contextTokens: 5000000 } }] });
    const shown = json(tokencost(["models", "show", "gemini-3.5-flash", "--pricing", o, ...AT, "--json"]));
    expect(shown.model.limits).toMatchObject({ contextTokens: 5000000, outputTokens: 65536 });
    // 65,537 output: one over the kept output limit
    const [r] = json(tokencost(["estimate", "--model", "gemini-3.5-flash", "--input", "10", "--output", "65537", "--pricing", o, "--quiet", ...AT, "--json"])).results;
    expect([r.fits, r.overflow?.kind, r.overflow?.limit]).toEqual([false, "output", 65536]);
  });
});

describe("status on the pricing date", () => {
  const est = (at: string, ...flags: string[]) => tokencost(["estimate", "--model", "acme-old", "--input", "10", "--output", "10", ...P, "--at", at, "--json", ...flags]);

  // bug: `date < at` — a model served on its shutdown day.
  it.each<[string, string, "deprecated" | null]>([
    ["the day before its shutdown: served, deprecated", "2026-11-30", "deprecated"],
    ["on its shutdown date: refused", "2026-12-01", null],
    ["after it: refused", "2026-12-05", null],
  ])("%s", (_, at, status) => {
    const r = est(at);
    if (status) expect(json(r).results[0].status).toBe(status);
    else expect(expectInputError(r)).toMatch(/acme-old was retired on 2026-12-01/);
  });

  // bug: the JSON status taken from the registry (today's), not from --at.
  it("JSON status is the status on --at, not the registry's", () => {
    // today (2026-11-28 when written) it is "deprecated"; on 2026-12-05 it is retired
    expect(json(est("2026-12-05", "--allow-retired")).results[0].status).toBe("retired");
    const retired = tempFile("regressions/retired.json", { provider: "acme", models: [{ id: "acme-gone", rates: { input: 1, output: 1 }, status: "retired", deprecationDate: "2026-12-01" }] });
    const [r] = json(tokencost(["estimate", "--model", "acme-gone", "--input", "10", "--output", "10", "--pricing", retired, "--quiet", "--at", "2026-11-20", "--json"])).results;
    expect(r.status).toBe("deprecated");
  });
});

describe("the default pricing date", () => {
  // The one place a run is not pinned: what no --at means. (Every other test passes --at.)
  it("with no --at, rates are for today (UTC)", () => {
    const before = new Date().toISOString().slice(0, 10);
    const report = json(tokencost(["estimate", "--model", "acme-1", "--input", "1000", ...P, "--json"]));
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(report.at);
    // 1,000 × $2 = 2,000 µ$ (acme-1 has no scheduled prices: the same on any day)
    expect(report.results[0].usdExact).toBe("0.002");
  });
});
