import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/workload/presets.ts";
import { runCli, type CliRun } from "./cli-harness.ts";
import { tempFile, tokencost } from "./e2e/spawn.ts";

// A seeded mutation fuzzer: valid workloads with values swapped for junk, keys dropped, added
// or misspelt, run through the CLI. Every case must end in a report with finite, non-negative
// numbers (exit 0) or in one clean error (exit 2) — never a crash, a hang or a stack.

const examples = readdirSync(new URL("../examples/", import.meta.url))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(`../examples/${f}`, import.meta.url), "utf8")));
const seeds: unknown[] = [...examples, ...PRESETS.map((p) => p.workload), { input: 1000, output: 100, requests: 3 }];

const JUNK: unknown[] = [
  -1, 0, 1.5, -0.5, 1e300, 2 ** 60, Number.MAX_SAFE_INTEGER, "", "abc", "12k", "1.5M", "1.2345k", "-5", "NaN", "Infinity",
  "30s", "2m", "forever", null, true, false, [], {}, [1, 2], { x: 1 }, "__proto__", "5m", "1h", "day", "batch", "gpt-9",
];
const TEXT_JUNK = ["1e400", "-0", "9".repeat(40), "0.1e1", "1E3"];

type Json = unknown;
type Mutation = { op: number; at: number; pick: number };

/** Every [container, key] in a JSON tree, in document order. */
function slots(root: Json): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), walk(x)));
    else if (v && typeof v === "object") for (const k of Object.keys(v)) out.push([v as Record<string, unknown>, k]), walk((v as Record<string, unknown>)[k]);
  };
  walk(root);
  return out;
}

const typo = (key: string, n: number) => {
  if (key.length < 2) return `${key}x`;
  const i = n % (key.length - 1);
  return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
};

function mutate(seed: Json, mutations: Mutation[]): string {
  const doc = structuredClone(seed) as Json;
  let text: string | undefined;
  for (const m of mutations) {
    const all = slots(doc);
    if (all.length === 0) break;
    const [container, key] = all[m.at % all.length]!;
    const obj = container as Record<string, unknown>;
    switch (m.op % 6) {
      case 0: // a value swapped for junk
        obj[key as string] = structuredClone(JUNK[m.pick % JUNK.length]);
        break;
      case 1: // a key dropped
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete obj[key as string];
        break;
      case 2: // a key misspelt
        if (!Array.isArray(container)) {
          obj[typo(key as string, m.pick)] = obj[key as string];
          delete obj[key as string];
        }
        break;
      case 3: // a key added
        if (!Array.isArray(container)) {
          // defineProperty, so that "__proto__" becomes a key rather than a prototype.
          const name = ["extra", "__proto__", "inptu", "model", "steps", "repeat"][m.pick % 6]!;
          Object.defineProperty(obj, name, { value: structuredClone(JUNK[m.pick % JUNK.length]), enumerable: true, writable: true, configurable: true });
        }
        break;
      case 4: // a value wrapped
        obj[key as string] = m.pick % 2 ? [obj[key as string]] : { value: obj[key as string] };
        break;
      case 5: // a number rewritten as text JSON.stringify cannot make
        text = JSON.stringify(doc).replace(/\d+/, TEXT_JUNK[m.pick % TEXT_JUNK.length]!);
        break;
    }
  }
  return text ?? JSON.stringify(doc);
}

const mutation = fc.record({ op: fc.nat(), at: fc.nat(), pick: fc.nat() });
const cases = fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, ms]) => mutate(s, ms));
const AT = ["--at", "2026-11-27"];
// Each case goes through one of the commands that read workloads, in one of the formats.
const COMMANDS: { args: string[]; budget?: boolean; json: boolean }[] = [
  { args: ["estimate", "--model", "gemini-3.5-flash", "--json", ...AT], json: true },
  { args: ["estimate", "--model", "claude-sonnet-4-6", ...AT], json: false },
  { args: ["compare", "--models", "gpt-5.4-mini,gemini-3.5-flash", "--format", "markdown", ...AT], json: false },
  { args: ["check", "--model", "gpt-5.4-mini", "--budget", "1", "--json", ...AT], budget: true, json: true },
  { args: ["estimate", "--model", "kimi-k2.6", "--format", "csv", ...AT], json: false },
];

// C0 and C1 control characters other than a newline (a table's line ends), and DEL.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const finiteNonNegative = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;

function expectClean(r: { code: number | null; stdout: string; stderr: string }, input: string, cmd: (typeof COMMANDS)[number]): void {
  const where = `${cmd.args.join(" ")}\ninput: ${input.slice(0, 300)}\nstderr: ${r.stderr.slice(0, 500)}`;
  if (r.code === 0 || (cmd.budget && r.code === 1)) {
    expect(r.stdout.length, where).toBeGreaterThan(0);
    // A junk name ("NaN") is the user's own text, echoed; only such a name is taken out before
    // the figures are checked (a name like "N" must not hide a real "NaN").
    const echoed = /"name":("(?:[^"\\]|\\.)*")/.exec(input)?.[1];
    const name = echoed ? (JSON.parse(echoed) as string) : "";
    const figures = /NaN|Infinity|undefined/.test(name) ? r.stdout.replaceAll(name, "") : r.stdout;
    expect(figures, where).not.toMatch(/NaN|Infinity|undefined/);
    // Text from the input (names, ids, sources) reaches the terminal without control characters;
    // JSON keeps the text as it is, escaped by JSON (which leaves DEL and C1 as they are).
    if (!cmd.json) expect(r.stdout, where).not.toMatch(RAW_CONTROL);
    expect(r.stderr, where).not.toMatch(RAW_CONTROL);
    if (!cmd.json) return;
    const report = JSON.parse(r.stdout);
    for (const result of report.results) {
      const { scaling, scalings: _scalings, ...tokens } = result.tokens;
      const factors = [scaling.output, scaling.reasoning, scaling.answer, scaling.input, scaling.low, scaling.high];
      for (const n of [...Object.values(result.cost), ...Object.values(tokens), ...factors]) expect(finiteNonNegative(n), where).toBe(true);
      for (const line of result.lines) expect(finiteNonNegative(line.usd) && finiteNonNegative(line.tokens), where).toBe(true);
      // Never a silent $0: a run with tokens priced at nothing says why.
      // (A line billed at under $0.000001 per million reads as $0 in a table: said too.)
      const anyTokens = Object.values(tokens).some((n) => (n as number) > 0);
      const vanishing = result.lines.some((l: { tokens: number; ratePerMillion: number }) => l.tokens > 0 && l.ratePerMillion < 0.000001);
      if ((anyTokens && result.usdExact === "0") || vanishing) {
        expect(result.warnings.some((w: { code: string }) => ["ZERO_RATE", "TINY_RATE"].includes(w.code)), where).toBe(true);
      }
      const s = result.seconds.total;
      // Unknown time is said, never a silent null.
      if (s === null) expect(result.warnings.some((w: { code: string }) => ["SPEED_UNKNOWN", "BATCH_LATENCY"].includes(w.code)), where).toBe(true);
      else expect(finiteNonNegative(s), where).toBe(true);
    }
  } else {
    expect(r.stderr, where).not.toMatch(RAW_CONTROL);
    expect(r.code, where).toBe(2);
    expect(r.stdout, where).toBe("");
    expect(r.stderr, where).toMatch(/^tokencost: /);
    expect(r.stderr, where).not.toMatch(/^\s+at /m);
    expect(r.stderr.trim().split("\n").length, where).toBeLessThanOrEqual(3);
  }
}

// Pricing files: a bundled entry, mutated, merged over the registry with --pricing.
const bundledEntries = JSON.parse(readFileSync(new URL("../pricing/anthropic.json", import.meta.url), "utf8")).models.slice(0, 4);
const pricingCases = fc
  .tuple(fc.constantFrom(...bundledEntries), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([entry, ms]) => mutate({ provider: "anthropic", models: [entry] }, ms));

// Issue 8 input kinds. Control characters (C0, ESC sequences, DEL, C1, NUL) put into the
// strings and keys of a workload or pricing file: names, descriptions, model names, ids, aliases.
const CONTROL = ["\u0000", "\u0007", "\b", "\t", "\n", "\r\n", "\u000b", "\u001b", "\u001b[31m", "\u001b]8;;https://x.example\u0007link\u001b]8;;\u0007", "\u007f", "\u0085", "\u009b2J", "\u2028", "\u202e"];

/** Every string value and key in a JSON tree, as [container, key, isKey]. */
function textSlots(root: Json): [Record<string, unknown>, string, boolean][] {
  const out: [Record<string, unknown>, string, boolean][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) v.forEach((x, i) => (typeof x === "string" ? out.push([v as unknown as Record<string, unknown>, String(i), false]) : walk(x)));
    else if (v && typeof v === "object") {
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        out.push([v as Record<string, unknown>, k, true]);
        if (typeof x === "string") out.push([v as Record<string, unknown>, k, false]);
        else walk(x);
      }
    }
  };
  walk(root);
  return out;
}

/** Control characters into a string value, a key, or a new "name" (workloads) at the top. */
function withControl(doc: Json, m: Mutation): Json {
  const out = structuredClone(doc) as Record<string, unknown>;
  const ctl = CONTROL[m.pick % CONTROL.length]!;
  const all = textSlots(out);
  // Half the time a name or description (which a valid workload keeps and prints), else any string or key.
  if (m.op % 4 === 0 || all.length === 0) {
    out.name = `run${ctl}# ✅ all checks passed <b>|x|</b>`;
    return out;
  }
  if (m.op % 4 === 1) {
    out.description = `=HYPERLINK("x")${ctl}\n## done`;
    return out;
  }
  const [container, key, isKey] = all[m.at % all.length]!;
  if (isKey) {
    const entries = Object.entries(container);
    for (const k of Object.keys(container)) delete container[k];
    for (const [k, v] of entries) container[k === key ? `${k.slice(0, 1)}${ctl}${k.slice(1)}` : k] = v;
  } else {
    const v = container[key] as string;
    const i = m.op % (v.length + 1);
    container[key] = v.slice(0, i) + ctl + v.slice(i);
  }
  return out;
}

const DUPLICATED = new Set<string>();
/** The same key twice in one object, as raw text: {"input": 5000, "input": 0}. */
function withDuplicateKey(text: string, m: Mutation): string {
  const keys = [...text.matchAll(/[{,]("(?:[^"\\]|\\.)*"):/g)];
  if (keys.length === 0) return text;
  const hit = keys[m.at % keys.length]!;
  const at = hit.index! + 1;
  const value = JSON.stringify(JUNK[m.pick % JUNK.length]) ?? "0";
  const out = `${text.slice(0, at)}${hit[1]}:${value},${text.slice(at)}`;
  DUPLICATED.add(out);
  return out;
}

const edgeCases = fc
  .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 1 }), mutation, fc.nat(2))
  .map(([seed, ms, edge, kind]) => {
    // Mutated first (text that no longer parses keeps its seed).
    let base: Json = seed;
    try {
      base = JSON.parse(mutate(seed, ms)) as Json;
    } catch {}
    if (kind === 0) return withDuplicateKey(JSON.stringify(base), edge);
    const controlled = JSON.stringify(withControl(base, edge));
    return kind === 1 ? controlled : withDuplicateKey(controlled, { ...edge, at: edge.at + 1 });
  });

// Pricing files: a full synthetic model (and an override of a bundled one) whose rates,
// tier rates, scheduled rates and service-tier multipliers are set to 0, -0 or a vanishing
// value, as text (so "-0" and "0e5" reach the parser as written).
const ACME_Z = {
  id: "acme-z",
  name: "Acme Z",
  aliases: ["acme-zed"],
  source: "https://example.com/acme",
  rates: { input: 2, cachedInput: 0.2, cacheWrite: 2.5, cacheWrite1h: 4, output: 10, reasoning: 12 },
  tiers: [{ aboveInputTokens: 1000, rates: { input: 4, cachedInput: 0.4, cacheWrite: 5, output: 15 }, note: "long prompts" }],
  scheduledPrices: [{ from: "2026-11-01", rates: { input: 3, output: 11 } }, { from: "2027-01-01", rates: { input: 5, output: 20 } }],
  serviceTiers: { batch: 0.5, flex: 0.25, priority: 2 },
  limits: { contextTokens: 100000, outputTokens: 10000 },
  speed: { outputTokensPerSecond: 100, timeToFirstTokenSeconds: 0.5 },
};
const OVERRIDE = { id: "gemini-3.5-flash", name: "Gemini (ours)", rates: { output: 9 }, serviceTiers: { batch: 0.5 }, source: "our contract" };
const RATE_TEXT = ["0", "-0", "0.0", "-0.0", "0e5", "-0e-0", "1e-300", "5e-324", "1e-7", "0.000001", "1e-15"];
const RATE_KEY = /"(input|cachedInput|cacheWrite|cacheWrite1h|output|reasoning|batch|flex|priority)":(-?[\d.eE+-]+)/g;

/** Some rates (or, for an op of 0 mod 3, every rate and multiplier) set to a zero or vanishing value. */
function withRates(text: string, ms: Mutation[]): string {
  if (ms[0] && ms[0].op % 3 === 0) return text.replace(RATE_KEY, (_, k: string) => `"${k}":${RATE_TEXT[ms[0]!.pick % RATE_TEXT.length]}`);
  let out = text;
  for (const m of ms) {
    const hits = [...out.matchAll(RATE_KEY)];
    const hit = hits[m.at % hits.length]!;
    const start = hit.index! + hit[0].length - hit[2]!.length;
    out = out.slice(0, start) + RATE_TEXT[m.pick % RATE_TEXT.length] + out.slice(start + hit[2]!.length);
  }
  return out;
}

const ratePricingCases = fc
  .tuple(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.option(mutation, { nil: undefined }), fc.nat(4))
  .map(([rateMs, edge, kind]) => {
    let doc: Json = { provider: "acme", models: [ACME_Z] };
    if (edge && kind === 1) doc = { provider: "acme", models: [withControl(ACME_Z, edge)] };
    let text = withRates(JSON.stringify(doc), rateMs);
    if (edge && kind === 2) text = withDuplicateKey(text, edge);
    if (kind === 3) text = withRates(JSON.stringify({ provider: "google", models: [OVERRIDE] }), rateMs);
    return text;
  });

const TOKENS = ["--input", "2000", "--cached", "500", "--cache-write", "300", "--output", "100", "--reasoning", "50"];
const PRICING_COMMANDS: { args: string[]; budget?: boolean; json: boolean }[] = [
  { args: ["estimate", "--model", "acme-z", ...TOKENS, "--json"], json: true },
  { args: ["estimate", "--model", "acme-zed", ...TOKENS, "--tier", "batch", "--json"], json: true },
  { args: ["estimate", "--model", "gemini-3.5-flash", ...TOKENS, "--batch", "--json"], json: true },
  { args: ["estimate", "--model", "acme-z", "--turns", "5", "--system", "800", "--input", "100", "--output", "50", "--caching", "--cache-ttl", "1h", "--tier", "flex"], json: false },
  { args: ["compare", "--models", "acme-z,gemini-3.5-flash", ...TOKENS, "--format", "markdown"], json: false },
  { args: ["compare", "--models", "acme-z,gemini-3.5-flash", ...TOKENS, "--runs", "100", "--per", "day", "--format", "csv"], json: false },
  { args: ["check", "--model", "acme-z", ...TOKENS, "--budget", "0.000001", "--json"], budget: true, json: true },
  { args: ["models", "show", "acme-z"], json: false },
  { args: ["models", "--search", "acme"], json: false },
];

describe("mutation fuzzer", () => {
  it("in-process: 2,000 mutated workloads, across commands and formats, end in a report or a clean error", async () => {
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(cases, fc.nat(COMMANDS.length - 1), async (input, c) => {
        const cmd = COMMANDS[c]!;
        const r: CliRun = await runCli(cmd.args, { stdin: input });
        expectClean(r, input, cmd);
        if (r.code === 0) reports++;
      }),
      { seed: 20261127, numRuns: 2000 },
    );
    // The mutations leave some workloads valid: both outcomes are exercised.
    expect(reports).toBeGreaterThan(50);
    // ~14 s on this 2-core machine when idle, 39 s under load: the timeout guards a hang, not a speed.
  }, 120_000);

  it("in-process: 500 mutated pricing files end in a report or a clean error", async () => {
    await fc.assert(
      fc.asyncProperty(pricingCases, fc.boolean(), async (text, show) => {
        const path = tempFile("fuzz-pricing.json", text);
        const args = show ? ["models", "show", "claude-fable-5-2", "--pricing", path, "--json", ...AT] : ["estimate", "--model", "claude-fable-5-2", "--input", "1000", "--output", "100", "--pricing", path, "--json", ...AT];
        const r = await runCli(args);
        expectClean(r, text, { args, json: !show });
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("in-process: 800 workloads with control characters in names, ids and keys, and duplicate keys, end cleanly", async () => {
    let reports = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(edgeCases, fc.nat(COMMANDS.length - 1), async (input, c) => {
        const cmd = COMMANDS[c]!;
        const r = await runCli(cmd.args, { stdin: input });
        expectClean(r, input, cmd);
        if (r.code === 2) errors++;
        else reports++;
        // A duplicate key is refused, with its path.
        if (DUPLICATED.has(input)) expect([r.code, r.stderr], input).toEqual([2, expect.stringMatching(/duplicate key/)]);
      }),
      { seed: 20261128, numRuns: 800 },
    );
    expect(reports).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(100);
  });

  it("in-process: 600 pricing files with zero, -0 and vanishing rates and multipliers, control characters and duplicate keys end cleanly", async () => {
    let reports = 0;
    await fc.assert(
      fc.asyncProperty(ratePricingCases, fc.nat(PRICING_COMMANDS.length - 1), async (text, c) => {
        const path = tempFile("fuzz-rates.json", text);
        const cmd = PRICING_COMMANDS[c]!;
        const args = [...cmd.args, "--pricing", path, ...AT];
        const r = await runCli(args);
        expectClean(r, text, { ...cmd, args });
        if (r.code !== 2) reports++;
      }),
      { seed: 1128, numRuns: 600 },
    );
    expect(reports).toBeGreaterThan(200);
  });

  it("through the built CLI: a sample of the edge cases", () => {
    fc.sample(fc.tuple(edgeCases, fc.nat(COMMANDS.length - 1)), { seed: 11, numRuns: 15 }).forEach(([input, c]) => {
      const cmd = COMMANDS[c]!;
      expectClean(tokencost(cmd.args, { input }), input, cmd);
    });
    fc.sample(fc.tuple(ratePricingCases, fc.nat(PRICING_COMMANDS.length - 1)), { seed: 12, numRuns: 15 }).forEach(([text, c]) => {
      const path = tempFile("fuzz-rates-spawned.json", text);
      const cmd = PRICING_COMMANDS[c]!;
      const args = [...cmd.args, "--pricing", path, ...AT];
      expectClean(tokencost(args), text, { ...cmd, args });
    });
  });

  it("through the built CLI: a sample of the same cases", () => {
    fc.sample(fc.tuple(cases, fc.nat(COMMANDS.length - 1)), { seed: 7, numRuns: 40 }).forEach(([input, c]) => {
      const cmd = COMMANDS[c]!;
      expectClean(tokencost(cmd.args, { input }), input, cmd);
    });
  });
});
