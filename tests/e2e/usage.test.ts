import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { expectInputError, json, tempFile, tokencost } from "./spawn.ts";

// `tokencost usage` as a user runs it: files, directories, .gz, stdin, groupings, formats, the
// what-if, calibration, measured speed, and every way the input can be wrong. Dates pinned.

const AT = ["--at", "2026-11-28"];
const fx = (name: string) => `tests/fixtures/usage/${name}`;
const text = (name: string) => readFileSync(fx(name), "utf8");
const dir = () => mkdtempSync(join(tmpdir(), "tokencost-usage-"));

describe("usage: where the logs come from", () => {
  it("a directory, recursively, with .gz inside; the same session copied into a second file counts once", () => {
    const d = dir();
    mkdirSync(join(d, "sub"));
    copyFileSync(fx("claude-code.jsonl"), join(d, "session.jsonl"));
    copyFileSync(fx("claude-code.jsonl"), join(d, "sub", "resumed.jsonl"));
    writeFileSync(join(d, "sub", "gemini.jsonl.gz"), gzipSync(readFileSync(fx("gemini.jsonl"))));
    writeFileSync(join(d, "README.md"), "not a log\n");
    const rep = json(tokencost(["usage", d, "--json", ...AT]));
    expect(rep.files).toHaveLength(3);
    // 2 Claude Code records (once, not twice) + 4 Gemini records.
    expect(rep.records).toBe(6);
    // each copy of the session: 2 extra snapshots; the second copy: all 4 of its lines again.
    expect(rep.duplicates).toBe(2 + 2 + 4);
    const g = Object.fromEntries(rep.results.map((r: { group: string }) => [r.group, r]));
    expect(g["claude-opus-4-6"].cost.usdExact).toBe("0.1009665");
    expect(g["gemini-3.5-flash"].cost.usdExact).toBe("0.00645");
  });

  it("piped stdin without arguments, and - , read the same; gzip on stdin too", () => {
    const csv = text("plain.csv");
    const a = json(tokencost(["usage", "--json", ...AT], { input: csv }));
    const b = json(tokencost(["usage", "-", "--json", ...AT], { input: csv }));
    expect(a.totals.cost.usdExact).toBe("0.028175"); // 0.026 + 0.002175
    expect(b.totals).toEqual(a.totals);
    expect(a.files).toEqual(["stdin"]);
  });

  it("a pretty-printed JSON document (an array of responses) is read whole", () => {
    const lines = text("openai-chat.jsonl").trim().split("\n").map((l) => JSON.parse(l));
    const path = tempFile("responses.json", JSON.stringify(lines, null, 2));
    const rep = json(tokencost(["usage", path, "--json", ...AT]));
    expect(rep.records).toBe(4);
    expect(rep.totals.cost.usdExact).toBe("0.05218325"); // 0.048772 + 0.00341125
  });

  it("an empty file is zero records, said, exit 0", () => {
    const r = tokencost(["usage", tempFile("empty.jsonl", ""), ...AT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 records from 1 file");
    expect(r.stderr).toContain("no usage records in");
  });

  it("nothing to read, a missing file, a FIFO-free directory with no logs: one line, exit 2", () => {
    expect(expectInputError(tokencost(["usage"]))).toContain("give log files or directories");
    expect(expectInputError(tokencost(["usage", "no/such.jsonl"]))).toContain("no/such.jsonl: cannot read the logs: no such file or directory");
    const d = dir();
    writeFileSync(join(d, "notes.md"), "x");
    expect(expectInputError(tokencost(["usage", d]))).toContain("no log files there");
  });
});

describe("usage: what cannot be priced is said, never $0", () => {
  const bad = [
    text("plain.csv").trim(),
    "gpt-5.5,10,0,0,1,0,2026-11-03T00:00:00Z",
    "gpt-5.5,ten,0,0,1,0,2026-11-03T00:00:00Z",
    "mystery-model,100,0,0,10,0,2026-11-03T00:00:00Z",
    "gpt-5.5,1,2",
  ].join("\n");

  it("malformed rows are counted and the first shown with their line numbers; unknown models are unpriced rows", () => {
    const path = tempFile("bad.csv", `${bad}\n`);
    const r = tokencost(["usage", path, "--json", ...AT]);
    const rep = json(r);
    expect(rep.malformed).toBe(2);
    expect(rep.malformedLines).toEqual([
      // line 1 is the header, 2–4 the fixture's rows: "ten" is line 6, the short row line 8
      { file: path, line: 6, reason: "not a row of the header's columns" },
      { file: path, line: 8, reason: "not a row of the header's columns" },
    ]);
    const mystery = rep.results.find((x: { group: string }) => x.group === "mystery-model");
    expect(mystery).toMatchObject({ model: null, cost: null, unpricedRecords: 1, records: 1 });
    // priced: the CSV's 0.028175 + 10×5 + 1×30 µ$ = 0.028255; the unknown model adds nothing.
    expect(rep.totals.cost.usdExact).toBe("0.028255");
    expect(rep.totals.unpricedRecords).toBe(1);
    expect(rep.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(["UNPRICED", "MALFORMED"]));
    const table = tokencost(["usage", path, ...AT]);
    expect(table.stdout).toMatch(/mystery-model \(unknown\).*unpriced/);
    expect(table.stderr).toContain(`${path}:6`);
  });

  it("an unknown model that is a near miss of a known id is named with it", () => {
    const r = tokencost(["usage", "--json", ...AT], { input: "model,input,output\ngpt-5.55,10,1\n" });
    expect(json(r).results[0]).toMatchObject({ group: "gpt-5.55", cost: null });
    expect(r.stderr).toContain("gpt-5.55 (did you mean gpt-5.5?)");
  });

  it("--strict turns a malformed line or an unpriced model into exit 2", () => {
    const path = tempFile("bad2.csv", `${bad}\n`);
    expect(expectInputError(tokencost(["usage", path, "--strict", ...AT]))).toMatch(/--strict: 2 malformed lines .*and 1 record of unknown models/);
    expect(tokencost(["usage", fx("plain.csv"), "--strict", ...AT]).code).toBe(0);
  });

  it("truncated JSON lines and lines of no known format are malformed; lines without usage are not", () => {
    const lines = text("openai-chat.jsonl").trim().split("\n");
    const path = tempFile("cut.jsonl", [lines[0]!.slice(0, 120), lines[1], '{"hello":"world","usage":{"x":1}}', '{"type":"progress"}', ""].join("\n"));
    const rep = json(tokencost(["usage", path, "--json", ...AT]));
    expect(rep.records).toBe(1);
    expect(rep.malformed).toBe(2);
    expect(rep.malformedLines.map((m: { line: number; reason: string }) => [m.line, m.reason])).toEqual([
      [1, "truncated"],
      [3, "no known usage format"],
    ]);
  });
});

describe("usage: grouping and formats", () => {
  it("--by day, provider and file", () => {
    const day = json(tokencost(["usage", fx("plain.csv"), "--by", "day", "--json"]));
    // each record at its own day's rates: 11-01 1000×5 + 100×30 = 8,000 µ$; 11-02 the rest
    expect(day.results.map((r: { group: string; cost: { usdExact: string } }) => [r.group, r.cost.usdExact])).toEqual([
      ["2026-11-01", "0.008"],
      ["2026-11-02", "0.020175"],
    ]);
    expect(day.at).toBeNull();
    const provider = json(tokencost(["usage", fx("plain.csv"), fx("gemini.jsonl"), "--by", "provider", "--json", ...AT]));
    expect(provider.results.map((r: { group: string }) => r.group).sort()).toEqual(["anthropic", "google", "openai"]);
    const file = json(tokencost(["usage", fx("plain.csv"), fx("gemini.jsonl"), "--by", "file", "--json", ...AT]));
    expect(file.results.map((r: { group: string; records: number }) => [r.group, r.records])).toEqual([
      [fx("gemini.jsonl"), 4],
      [fx("plain.csv"), 3],
    ]);
  });

  it("CSV: one plain row per group, snake_case; markdown carries its warnings (not repeated on stderr)", () => {
    const csv = tokencost(["usage", fx("plain.csv"), "--format", "csv", ...AT]);
    expect(csv.stdout.split("\n")[0]).toBe("model,registry_model,provider,records,input,cached_input,cache_write,output,reasoning,cost_usd,reported_usd,difference_usd,unpriced_records,first,last");
    expect(csv.stdout).toContain("gpt-5.5,gpt-5.5,openai,2,3000,1000,0,300,50,0.026,,,0,2026-11-01T10:00:00.000Z,2026-11-02T10:00:00.000Z");
    const md = tokencost(["usage", fx("openrouter.jsonl"), "--format", "markdown", ...AT]);
    expect(md.stdout).toContain("| claude-sonnet-4-6 | 1 |");
    expect(md.stdout).toContain("- 1 record also bill cache storage");
    expect(md.stderr).toBe("");
  });
});

describe("usage --what-if", () => {
  it("--same-tokens: the logged counts at the other model's rates, one row per logged model and target", () => {
    const rep = json(tokencost(["usage", fx("plain.csv"), "--what-if", "gemini-3.5-flash", "--same-tokens", "--json", ...AT]));
    const rows = Object.fromEntries(rep.whatIf.map((w: { from: string }) => [w.from, w]));
    // gpt-5.5's 3000 in, 1000 cached, 300 out, 50 reasoning on Flash: 4,500 + 150 + 3,150 µ$
    expect(rows["gpt-5.5"].cost.usdExact).toBe("0.0078");
    expect(rows["gpt-5.5"].loggedUsd).toBe(0.026);
    expect(rows["gpt-5.5"].percent).toBe(-70);
    // sonnet's 500 in, 100 written (Flash bills no writes: as input), 20 out: 900 + 180 µ$
    expect(rows["claude-sonnet-4-6"].cost.usdExact).toBe("0.00108");
    expect(rep.whatIf.every((w: { scaling: { kind: string } }) => w.scaling.kind === "same-tokens")).toBe(true);
  });

  it("scaled by what each model spends (SPEC §8): Claude Sonnet 4.6's logged tokens on Opus 4.6", () => {
    const rep = json(tokencost(["usage", fx("plain.csv"), "--what-if", "claude-opus-4-6", "--json", ...AT]));
    const row = rep.whatIf.find((w: { from: string }) => w.from === "claude-sonnet-4-6");
    // Both measured by one source on the unversioned index: Sonnet 74M output tokens, Opus 58M:
    // f = 58/74; 20 output tokens × 58/74 = 15.68 → 16. One tokenizer family: input as logged.
    expect(row.scaling).toMatchObject({ kind: "scaled", basis: "aa-index-unversioned-full-run", input: 1 });
    expect(row.scaling.output).toBeCloseTo(58 / 74, 12);
    expect(row.tokens).toEqual({ input: 500, cachedInput: 0, cacheWrite: 100, output: 16, reasoning: 0 });
    // at Opus 4.6's rates: 500×5 + 100×6.25 + 16×25 = 3,525 µ$, against 2,175 logged
    expect(row.cost.usdExact).toBe("0.003525");
    expect(row.loggedUsd).toBe(0.002175);
    expect(row.differenceUsd).toBe(0.00135);
    expect(tokencost(["usage", fx("gemini.jsonl"), "--what-if", "gemini-9"]).stderr).toMatch(/--what-if: unknown model "gemini-9" — did you mean/);
  });

  it("--same-tokens without --what-if, --agent without --calibrate: exit 2", () => {
    expectInputError(tokencost(["usage", fx("plain.csv"), "--same-tokens"]));
    expectInputError(tokencost(["usage", fx("plain.csv"), "--agent"]));
  });
});

describe("usage --calibrate", () => {
  it("a call-shaped log becomes a workload whose estimate per run × records is the logged cost", () => {
    const r = tokencost(["usage", fx("plain.csv"), "--calibrate", "--model", "gpt-5.5"]);
    expect(r.code, r.stderr).toBe(0);
    const w = JSON.parse(r.stdout);
    // 2 records over 2 days: means 1500 in, 500 cached, 150 out, 25 reasoning; 1 request a day.
    expect(w).toMatchObject({ model: "gpt-5.5", measuredOn: "gpt-5.5", runs: { count: 1, per: "day" }, input: 1500, cachedInput: 500, cacheWrite: 0, output: 150, reasoning: 25 });
    const path = tempFile("calibrated.json", w);
    const est = json(tokencost(["estimate", path, "--json", ...AT]));
    expect(est.results[0].cost.total * 2).toBeCloseTo(0.026, 9);
    expect(est.results[0].tokens.scaling.kind).toBe("as-measured");
    expect(tokencost(["compare", path, "--models", "gpt-5.5,gemini-3.5-flash", ...AT]).code).toBe(0);
    expect(tokencost(["check", path, "--budget", "0.001", ...AT]).code).toBe(1);
  });

  it("several logged models: --model picks one, else exit 2 naming them", () => {
    expect(expectInputError(tokencost(["usage", fx("plain.csv"), "--calibrate"]))).toContain("gpt-5.5 (2 records), claude-sonnet-4-6 (1 record); choose one with --model");
  });

  it("--agent: sessions become the agent form, which estimate accepts", () => {
    const r = tokencost(["usage", fx("claude-code.jsonl"), "--calibrate", "--agent"]);
    expect(r.code, r.stderr).toBe(0);
    const w = JSON.parse(r.stdout);
    // turn 1 prompt 3 + 8809 + 7885 = 16,697; turn 2 10 + 16,694 + 500 = 17,204: slope 507 = u + o,
    // o = (132 + 40) / 2 = 86, so u = 421 and S = 16,697 − 421 = 16,276.
    expect(w.agent).toMatchObject({ system: 16276, turns: 2, perTurn: { input: 421, output: 86, reasoning: 0 } });
    expect(w.agent.caching.ttl).toBe("1h");
    expect(tokencost(["estimate", tempFile("agent.json", w), ...AT]).code).toBe(0);
  });
});

describe("usage: measured speed and --emit-pricing", () => {
  it("writes one pricing file per provider, which --pricing accepts and `models show` reads", () => {
    const out = join(dir(), "measured.json");
    const r = tokencost(["usage", fx("otel.jsonl"), fx("openrouter.jsonl"), "--emit-pricing", out, "--json", ...AT]);
    expect(r.code, r.stderr).toBe(0);
    const openai = JSON.parse(readFileSync(out.replace(/\.json$/, ".openai.json"), "utf8"));
    // gpt-5.5: 342.857 tok/s (OTel) and 240 (OpenRouter): the nearest-rank median of two is the lower.
    expect(openai.models).toEqual([
      { id: "gpt-5.5", speed: { outputTokensPerSecond: 240, timeToFirstTokenSeconds: 0.5, source: expect.stringContaining("measured from"), asOf: "2026-07-14" } },
    ]);
    const card = tokencost(["models", "show", "gpt-5.5", "--pricing", out.replace(/\.json$/, ".openai.json"), ...AT]);
    expect(card.code, card.stderr).toBe(0);
    expect(card.stdout).toContain("240 tok/s · TTFT 0.5 s");
  });

  it("no timing in the logs: --emit-pricing says so, exit 2", () => {
    expect(expectInputError(tokencost(["usage", fx("plain.csv"), "--emit-pricing", join(dir(), "x.json")]))).toContain("no record carries the time to its first token");
    expect(expectInputError(tokencost(["usage", fx("otel.jsonl"), "--emit-pricing", dir()]))).toContain("a directory; name the file to write");
    expect(expectInputError(tokencost(["usage", fx("otel.jsonl"), "--calibrate", "--emit-pricing", join(dir(), "x.json")]))).toContain("run them apart");
  });
});

describe("usage: what a review found (each once wrong)", () => {
  const run = (content: string, ...args: string[]) => json(tokencost(["usage", tempFile(`r${Math.random()}.jsonl`, content), "--json", ...AT, ...args]));
  const lines = (...objects: unknown[]) => `${objects.map((o) => JSON.stringify(o)).join("\n")}\n`;

  it("a stream whose delta brings iterations is one message: its steps, not its start as well", () => {
    const rep = run(
      lines(
        { type: "message_start", message: { id: "msg_1", type: "message", model: "claude-opus-4-8", usage: { input_tokens: 1000, output_tokens: 1 } } },
        { type: "message_delta", usage: { input_tokens: 1000, output_tokens: 50, iterations: [{ type: "compaction", input_tokens: 100, output_tokens: 131 }, { type: "message", input_tokens: 1000, output_tokens: 50 }] } },
        { type: "message_stop" },
      ),
    );
    // compaction 100 in / 131 out + message 1000 in / 50 out
    expect(rep.results[0].tokens).toMatchObject({ input: 1100, output: 181 });
  });

  it("xAI counts reasoning beside the completion (total = prompt + completion + reasoning): both billed", () => {
    const rep = run(lines({ id: "x1", object: "chat.completion", created: 1784092247, model: "grok-4.3", usage: { prompt_tokens: 10120, completion_tokens: 1499, total_tokens: 14428, prompt_tokens_details: { cached_tokens: 128 }, completion_tokens_details: { reasoning_tokens: 2809 } } }));
    expect(rep.results[0].tokens).toEqual({ input: 9992, cachedInput: 128, cacheWrite: 0, output: 1499, reasoning: 2809 });
    // 9992×1.25 + 128×0.2 + (1499 + 2809)×2.5 = 12,490 + 25.6 + 10,770 µ$
    expect(rep.results[0].cost.usdExact).toBe("0.0232856");
  });

  it("reasoning above the completion without such a total is clamped, and said", () => {
    const rep = run(lines({ id: "x2", object: "chat.completion", model: "gpt-5.5", usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, completion_tokens_details: { reasoning_tokens: 9 } } }));
    expect(rep.results[0].tokens).toMatchObject({ output: 0, reasoning: 5 });
    expect(rep.warnings.map((w: { code: string }) => w.code)).toContain("CLAMPED");
  });

  it("a streamed message met whole afterwards counts once", () => {
    const msg = { id: "msg_9", type: "message", model: "claude-opus-4-8", usage: { input_tokens: 1000, output_tokens: 50 } };
    const rep = run(lines({ type: "message_start", message: { ...msg, usage: { input_tokens: 1000, output_tokens: 1 } } }, { type: "message_delta", usage: { output_tokens: 50 } }, { type: "message_stop" }, msg));
    expect(rep.records).toBe(1);
    expect(rep.results[0].tokens).toMatchObject({ input: 1000, output: 50 });
  });

  it("a message_delta after message_stop, or with no stream, belongs to nothing: malformed, and the message before keeps its count", () => {
    const rep = run(
      lines(
        { type: "message_start", message: { id: "msg_5", type: "message", model: "claude-opus-4-8", usage: { input_tokens: 10, output_tokens: 1 } } },
        { type: "message_delta", usage: { output_tokens: 50 } },
        { type: "message_stop" },
        { type: "message_delta", usage: { output_tokens: 7 } },
      ),
    );
    expect(rep.results[0].tokens.output).toBe(50);
    expect(rep.malformedLines).toEqual([{ file: expect.any(String), line: 4, reason: "a message_delta without its message_start" }]);
  });

  it("Gemini chunks without a responseId: only the one with a finishReason counts; the others are said", () => {
    const chunk = (finish: boolean) => ({ candidates: [{ index: 0, ...(finish ? { finishReason: "STOP" } : {}) }], modelVersion: "gemini-3.5-flash", usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 10 } });
    const rep = run(lines(chunk(false), chunk(false), chunk(true)));
    expect(rep.results[0].tokens.input).toBe(1000);
    expect(rep.malformed).toBe(0);
    expect(rep.warnings.find((w: { code: string }) => w.code === "STREAM_CHUNKS").message).toMatch(/^2 Gemini stream chunks without a responseId skipped/);
  });

  it("a larger Claude Code snapshot met after a thousand other responses still counts (in either order of the files)", () => {
    const row = (id: string, out: number, n: number) => ({ type: "assistant", sessionId: "s", uuid: `u${id}${out}${n}`, requestId: `req_${id}`, timestamp: "2026-03-11T23:19:22.000Z", message: { model: "claude-opus-4-6", id, type: "message", usage: { input_tokens: 1, cache_read_input_tokens: 100, output_tokens: out } } });
    const others = Array.from({ length: 1001 }, (_, i) => row(`msg_o${i}`, 1, i));
    const a = tempFile("late/a.jsonl", lines(row("msg_x", 5, 0), ...others));
    const b = tempFile("late/b.jsonl", lines(row("msg_x", 5000, 1)));
    for (const order of [[a, b], [b, a]]) {
      const rep = json(tokencost(["usage", ...order, "--json", ...AT]));
      expect(rep.records).toBe(1002);
      // msg_x's 5000 output once, plus 1001 × 1; its input fields once
      expect(rep.results[0].tokens).toMatchObject({ input: 1002, cachedInput: 100200, output: 6001 });
    }
  });

  it("--calibrate: a tier the model lacks, or tiers that multiply, give a list-price workload with a warning; rare traffic is per month", () => {
    const msg = (id: string, day: string, usage: Record<string, unknown>) => ({ id, type: "message", model: "claude-opus-4-8", usage: { input_tokens: 1000, output_tokens: 100, ...usage } });
    const path = tempFile("tiers.jsonl", lines(msg("m1", "", { service_tier: "priority" }), msg("m2", "", { service_tier: "priority" })));
    const r = tokencost(["usage", path, "--calibrate", ...AT]);
    const w = JSON.parse(r.stdout);
    expect(w.serviceTier).toBeUndefined();
    // claude-opus-4-8 lists batch, fast and us-only: the logs' priority is dropped, and said
    expect(r.stderr).toContain('warning: claude-opus-4-8: logged at service tier "priority", which the registry does not list for it; priced without it\n');
    expect(tokencost(["estimate", tempFile("cal-tier.json", w), ...AT]).code).toBe(0);
    const fast = tempFile("fast.jsonl", lines(msg("m3", "", { speed: "fast", inference_geo: "us" })));
    const f = tokencost(["usage", fast, "--calibrate", ...AT]);
    expect(JSON.parse(f.stdout).serviceTier).toBeUndefined();
    expect(f.stderr).toContain("fast+us-only, tiers that multiply");
    const rare = tempFile("rare.csv", "model,input,output,timestamp\ngpt-5.5,10,1,2026-01-01T00:00:00Z\ngpt-5.5,10,1,2026-08-26T00:00:00Z\n");
    // 2 records over 238 days: 0.0084 a day, 0.25 a month → 1 a month at least
    expect(JSON.parse(tokencost(["usage", rare, "--calibrate", ...AT]).stdout).runs).toEqual({ count: 1, per: "month" });
  });

  it("--calibrate says only what the fitted model's records said, and nothing about the others can fail it", () => {
    const msg = (id: string, model: string, usage: Record<string, unknown>) => ({ id, type: "message", model, usage: { input_tokens: 1000, output_tokens: 100, ...usage } });
    const path = tempFile("calibrate-others.jsonl", lines(msg("a1", "claude-opus-4-8", { service_tier: "priority" }), msg("a2", "claude-sonnet-4-6", { service_tier: "priority" }), msg("a3", "mystery-model-9", {})));
    const r = tokencost(["usage", path, "--calibrate", "--model", "claude-opus-4-8", ...AT]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: claude-opus-4-8: logged at service tier "priority", which the registry does not list for it; priced without it\n');
    // another model's tokens past 2^53−1 (which a report refuses) do not touch a fit of gpt-5.5
    const big = tempFile("calibrate-big.csv", "model,input,output,timestamp\ngpt-5.5,1000,100,2026-11-01T10:00:00Z\nother-unknown,6000000000000000,1,2026-11-01T10:00:00Z\nother-unknown,6000000000000000,1,2026-11-02T10:00:00Z\n");
    const b = tokencost(["usage", big, "--calibrate", "--model", "gpt-5.5", "--quiet", ...AT]);
    expect([b.code, b.stderr]).toEqual([0, ""]);
    expect(JSON.parse(b.stdout)).toMatchObject({ model: "gpt-5.5", input: 1000, output: 100 });
  });

  it("--calibrate: logs that mix service tiers or cache TTLs are fitted at list price / the commoner TTL, and said", () => {
    const msg = (id: string, usage: Record<string, unknown>) => ({ id, type: "message", model: "claude-opus-4-8", usage: { input_tokens: 1000, output_tokens: 100, ...usage } });
    // one call in the batch tier, one not: list price; 2 × (1000×5 + 100×25) = 15,000 µ$ fitted
    // against 3,750 (batch, half) + 7,500 = 11,250 µ$ logged
    const mixed = tokencost(["usage", tempFile("mixed.jsonl", lines(msg("t1", { service_tier: "batch" }), msg("t2", {}))), "--calibrate", ...AT]);
    expect(JSON.parse(mixed.stdout)).toMatchObject({ model: "claude-opus-4-8", input: 1000, output: 100, runs: { count: 2, per: "day" } });
    expect(JSON.parse(mixed.stdout).serviceTier).toBeUndefined();
    expect(mixed.stderr).toContain("warning: claude-opus-4-8: the logs mix service tiers (batch on 1 of 2 records); the workload prices at list price\n");
    expect(mixed.stderr).toContain("the fitted call × 2 records prices at $0.015 against $0.01125 logged");
    // 100 tokens written at 5 minutes, 300 at 1 hour: a mean of 200 at the 1-hour rate ($10/M);
    // fitted 2 × (5,000 + 2,000 + 2,500) = 19,000 µ$ against 8,125 (100 × 6.25) + 10,500 logged
    const write = (n5: number, n1: number) => ({ cache_creation_input_tokens: n5 + n1, cache_creation: { ephemeral_5m_input_tokens: n5, ephemeral_1h_input_tokens: n1 } });
    const ttl = tokencost(["usage", tempFile("ttl.jsonl", lines(msg("w1", write(100, 0)), msg("w2", write(0, 300)))), "--calibrate", ...AT]);
    expect(JSON.parse(ttl.stdout)).toMatchObject({ input: 1000, cacheWrite: 200, cacheTtl: "1h", output: 100 });
    expect(ttl.stderr).toContain("warning: claude-opus-4-8: the logs write the cache at both TTLs; the workload prices every write at the 1-hour rate (the more common)\n");
    expect(ttl.stderr).toContain("the fitted call × 2 records prices at $0.019 against $0.018625 logged");
  });

  it("symbolic links are followed; a file named twice, or inside a directory also named, is read once", () => {
    const d = dir();
    copyFileSync(fx("plain.csv"), join(d, "app.csv"));
    mkdirSync(join(d, "real"));
    copyFileSync(fx("plain.jsonl"), join(d, "real", "more.jsonl"));
    symlinkSync(join(d, "real"), join(d, "linked"));
    const rep = json(tokencost(["usage", d, join(d, "app.csv"), join(d, "app.csv"), "--json", ...AT]));
    // app.csv's 3 records once; more.jsonl's 2 once (through real/ or linked/, not both)
    expect(rep.records).toBe(5);
  });

  it("OpenInference spans (llm.token_count.*) are read, and said", () => {
    const span = { traceId: "aa", spanId: "bb", startTimeUnixNano: "1784000000000000000", endTimeUnixNano: "1784000001000000000", attributes: [
      { key: "openinference.span.kind", value: { stringValue: "LLM" } },
      { key: "llm.model_name", value: { stringValue: "gpt-5.5" } },
      { key: "llm.token_count.prompt", value: { intValue: "1000" } },
      { key: "llm.token_count.completion", value: { intValue: "100" } },
      { key: "llm.token_count.prompt_details.cache_read", value: { intValue: "400" } },
    ] };
    const chain = { ...span, spanId: "cc", attributes: [{ key: "openinference.span.kind", value: { stringValue: "CHAIN" } }, ...span.attributes.slice(1)] };
    const rep = run(lines({ resourceSpans: [{ scopeSpans: [{ spans: [span, chain] }] }] }));
    expect(rep.records).toBe(1);
    expect(rep.results[0].tokens).toMatchObject({ input: 600, cachedInput: 400, output: 100 });
    expect(rep.warnings.find((w: { code: string }) => w.code === "ATTRIBUTE_ALIAS").message).toContain("llm.token_count.prompt");
  });

  it("a byte-order mark before a pretty-printed document; app log lines that start with a bracket stay lines", () => {
    const doc = `\uFEFF${JSON.stringify([JSON.parse(text("openai-chat.jsonl").split("\n")[1]!)], null, 2)}`;
    expect(run(doc).records).toBe(1);
    const app = run(`[INFO] started\n${text("openai-chat.jsonl").split("\n")[1]}\n`);
    expect(app.records).toBe(1);
    expect(app.malformed).toBe(1);
  });

  it("a cut .gz file is reported and the run goes on with the other files; gzip on stdin is read", () => {
    const whole = gzipSync(readFileSync(fx("plain.csv")));
    const cut = tempFile("cut.csv.gz", whole.subarray(0, whole.length - 12) as unknown as string);
    writeFileSync(cut, whole.subarray(0, whole.length - 12));
    const rep = json(tokencost(["usage", cut, fx("plain.jsonl"), "--json", ...AT]));
    expect(rep.malformedLines[0].reason).toMatch(/gzip data is damaged or cut short/);
    expect(rep.results.map((r: { group: string }) => r.group)).toContain("gemini-3.5-flash");
    const d = dir();
    writeFileSync(join(d, "in.gz"), whole);
    const piped = spawnSync("bash", ["-c", `node ${process.cwd()}/bin/tokencost.js usage - --json --at 2026-11-28 < ${join(d, "in.gz")}`], { encoding: "utf8", env: { PATH: process.env.PATH, NO_COLOR: "1" } });
    expect(JSON.parse(piped.stdout).totals.cost.usdExact).toBe("0.028175");
  });
});

describe("usage: what a second review found", () => {
  const run = (content: string, ...args: string[]) => tokencost(["usage", tempFile(`s${Math.random()}.jsonl`, content), "--json", ...AT, ...args]);
  const lines = (...objects: unknown[]) => `${objects.map((o) => JSON.stringify(o)).join("\n")}\n`;
  const chat = (id: string, model = "gpt-5.5", extra: Record<string, unknown> = {}) => ({ id, object: "chat.completion", model, usage: { prompt_tokens: 100, completion_tokens: 10 }, ...extra });

  it("one element of a JSON array that is no record spoils none of the others", () => {
    const rep = json(tokencost(["usage", tempFile("arr.json", JSON.stringify([chat("c1"), chat("c2"), { hello: "world" }], null, 2)), "--json", ...AT]));
    expect(rep.records).toBe(2);
    expect(rep.malformed).toBe(1);
  });

  it("a late, larger Claude Code snapshot is priced in its prompt's band (the same cost in either order)", () => {
    const row = (id: string, out: number) => ({ type: "assistant", sessionId: "s", uuid: `u${id}${out}`, requestId: `req_${id}`, timestamp: "2026-03-11T23:19:22.000Z", message: { model: "claude-haiku-5-5", id, type: "message", usage: { input_tokens: 0, cache_read_input_tokens: 150000, output_tokens: out } } });
    const others = Array.from({ length: 1001 }, (_, i) => ({ ...row(`msg_o${i}`, 0), message: { ...row(`msg_o${i}`, 0).message, usage: { input_tokens: 1, output_tokens: 1 } } }));
    const a = tempFile("band/a.jsonl", lines(row("msg_x", 5), ...others));
    const b = tempFile("band/b.jsonl", lines(row("msg_x", 1_000_005)));
    const costs = [[a, b], [b, a]].map((order) => json(tokencost(["usage", ...order, "--json", ...AT])).totals.cost.usdExact);
    // 150,000 > 100,000: the whole call above the tier: 150,000×0.05 + 1,000,005×2.5 = 7,500 + 2,500,012.5 µ$,
    // plus 1,001 small calls at base: 1,001 × (0.1 + 0.5) = 600.6 µ$
    expect(costs).toEqual(["2.5081131", "2.5081131"]);
  });

  it("--calibrate says when the fitted call does not price what the logs cost (calls on both sides of a tier)", () => {
    const csv = "model,input,output,timestamp\nclaude-haiku-5-5,53000,10,2026-11-01T00:00:00Z\nclaude-haiku-5-5,153000,10,2026-11-01T01:00:00Z\nclaude-haiku-5-5,53000,10,2026-11-01T02:00:00Z\n";
    const r = tokencost(["usage", tempFile("straddle.csv", csv), "--calibrate", ...AT]);
    expect(r.code).toBe(0);
    // logged: 2 × (53,000×0.1 + 10×0.5) + 153,000×0.5 + 10×2.5 = 10,610 + 76,525 µ$; fitted mean call 86,333 in (base) × 3
    expect(r.stderr).toMatch(/the fitted call × 3 records prices at \$0\.025\d* against \$0\.087135 logged/);
  });

  it("--calibrate checks its fitted call on the day the logs were priced: --at, where given", () => {
    // gemini-4-argon: $2 in / $10 out until 2026-12-01, $4 / $20 from then
    const csv = "model,input,output,timestamp\ngemini-4-argon,1000,100,2026-11-20T00:00:00Z\ngemini-4-argon,1000,100,2026-11-21T00:00:00Z\n";
    const path = tempFile("argon.csv", csv);
    for (const at of [[], ["--at", "2026-12-05"]]) {
      const r = tokencost(["usage", path, "--calibrate", ...at]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/fitted call/);
    }
    // and the logged cost itself follows --at: 2 × (1,000 × $4 + 100 × $20) per million = $0.012
    expect(json(tokencost(["usage", path, "--json", "--at", "2026-12-05"])).results[0].cost.usdExact).toBe("0.012");
  });

  it("--what-if says what it changed: reasoning kept on a model that does not reason, a logged tier the target lacks, a target shutting down", () => {
    const r = run(lines(chat("w1", "gpt-5.5", { service_tier: "flex", usage: { prompt_tokens: 100, completion_tokens: 50, completion_tokens_details: { reasoning_tokens: 30 } } })), "--what-if", "gpt-4.1,claude-opus-4-8", "--same-tokens");
    const codes = json(r).warnings.map((w: { code: string; message: string }) => `${w.code} ${w.message}`);
    expect(codes).toContainEqual(expect.stringMatching(/^REASONING_KEPT --what-if gpt-4.1: it does not reason/));
    expect(codes).toContainEqual(expect.stringMatching(/^SERVICE_TIER_UNKNOWN --what-if claude-opus-4-8: records logged at service tier "flex" are priced on it at standard/));
    expect(codes).toContainEqual(expect.stringMatching(/^DEPRECATED --what-if gpt-4.1 is deprecated: shuts down on 2027-01-14/));
  });

  it("plain CSV: fractional epoch seconds, compact dates, extra columns, tier names in any case", () => {
    const csv = "model,input,output,timestamp,request_id,service_tier,cost_usd\ngpt-5.5,1000,100,1764288000.5,r1,Batch,0.004\ngpt-5.5,1000,100,20261127,r2,default,\n";
    const rep = json(tokencost(["usage", tempFile("extra.csv", csv), "--json", "--by", "day"]));
    expect(rep.malformed).toBe(0);
    // 1764288000.5 s is 2025-11-28; 20261127 is 2026-11-27
    expect(rep.results.map((r: { group: string }) => r.group)).toEqual(["2025-11-28", "2026-11-27"]);
    // batch halves 1000×5 + 100×30 = 8,000 µ$ → 4,000; the other at list price
    expect(rep.results.map((r: { cost: { usdExact: string } }) => r.cost.usdExact)).toEqual(["0.004", "0.008"]);
    expect(rep.results[0].reportedUsd).toBe(0.004);
    expect(rep.warnings.filter((w: { code: string }) => w.code === "SERVICE_TIER_UNKNOWN")).toEqual([]);
  });

  it("a group where only some records report a cost: their sum, how many of how many, and no difference", () => {
    // three gpt-5.5 calls of 1,000 in and 100 out: 3 × (1000×5 + 100×30) = 24,000 µ$ computed;
    // two report a cost (0.008 + 0.009 = $0.017), the third none, so no difference is claimed
    const csv = "model,input,output,timestamp,request_id,cost_usd\ngpt-5.5,1000,100,2026-11-27,r1,0.008\ngpt-5.5,1000,100,2026-11-27,r2,\ngpt-5.5,1000,100,2026-11-27,r3,0.009\n";
    const file = tempFile("some-reported.csv", csv);
    const rep = json(tokencost(["usage", file, "--json", ...AT]));
    expect(rep.results[0]).toMatchObject({ records: 3, reportedUsd: 0.017, reportedRecords: 2, differenceUsd: null, cost: { usdExact: "0.024" } });
    const table = tokencost(["usage", file, ...AT]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ gpt-5\.5 │ +3 │ 3,000 │ .* │ \$0\.024 │ \$0\.017 \(2 of 3\) │ +— │/);
    // every record reporting: the plain sum, and the difference
    const all = tempFile("all-reported.csv", "model,input,output,timestamp,request_id,cost_usd\ngpt-5.5,1000,100,2026-11-27,r1,0.008\ngpt-5.5,1000,100,2026-11-27,r3,0.009\n");
    expect(json(tokencost(["usage", all, "--json", ...AT])).results[0]).toMatchObject({ reportedUsd: 0.017, reportedRecords: 2, differenceUsd: -0.001 });
    expect(tokencost(["usage", all, ...AT]).stdout).toMatch(/│ \$0\.016 │ +\$0\.017 │ /);
  });

  it("a warning about many models is one folded line", () => {
    const models = ["claude-sonnet-4-6", "claude-haiku-4-5", "claude-opus-4-5", "claude-opus-4-1"];
    const r = tokencost(["usage", tempFile("fold.jsonl", lines(...models.map((m, i) => ({ id: `msg_f${i}`, type: "message", model: m, usage: { input_tokens: 10, output_tokens: 1, service_tier: "priority" } })))), ...AT]);
    const tierLines = r.stderr.split("\n").filter((l) => l.includes("service tier"));
    expect(tierLines).toEqual([expect.stringMatching(/^warning: logged at a service tier the model does not list \(priced without it\): 4 models — /)]);
  });
});
