import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { tempFile, tokencost } from "./spawn.ts";

// Every log format through the CLI, on real record shapes (../shared/reference/usage-formats.md).
// Expected classes and costs are worked by hand in the comments, at the registry's rates
// (USD per million): opus-4-8/4-6 5 / 0.5 / 6.25 (5m) / 10 (1h) / 25; sonnet-4-6 3 / 0.3 / 3.75 / 6 /
// 15; gpt-5.6-sol 4 / 0.4 / 5 (write) / 20; gpt-5 1.25 / 10; gpt-5.5 5 / 0.5 / 30 (no write rate);
// gemini-3.5-flash 1.5 / 0.15 / 9; gemini-3.1-pro-preview 2 / 12, above 200K 4 / 18;
// gemini-2.5-flash 0.3 / 0.03 / 2.5. Batch and flex halve a price.

interface Row {
  group: string;
  model: string | null;
  records: number;
  tokens: Record<string, number>;
  cost: { usdExact: string } | null;
  reportedUsd: number | null;
  differenceUsd: number | null;
}
interface Report {
  records: number;
  duplicates: number;
  malformed: number;
  results: Row[];
  totals: { usdExact?: string; cost: { usdExact: string } | null };
  speed?: { model: string; outputTokensPerSecond: { median: number } | null; timeToFirstTokenSeconds: { median: number } | null }[];
  warnings: { code: string; message: string }[];
}

const usage = (...args: string[]): Report => {
  const r = tokencost(["usage", ...args, "--json", "--at", "2026-11-28"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const byGroup = (rep: Report) => Object.fromEntries(rep.results.map((r) => [r.group, r]));
const fx = (name: string) => `tests/fixtures/usage/${name}`;

describe("usage: each format's classes and cost", () => {
  it("OpenAI Chat: cache reads and writes inside prompt_tokens, reasoning inside completion_tokens; stream chunks with null usage; batch output", () => {
    const rep = usage(fx("openai-chat.jsonl"));
    const g = byGroup(rep);
    // sol: response 4020 prompt = 8 + 4012 written, 4 out; the stream's usage chunk (flex) 10000
    // prompt = 2000 + 8000 cached, 2000 completion = 500 + 1500 reasoning; batch 1000 in, 100 out.
    expect(g["gpt-5.6-sol"]!.tokens).toEqual({ input: 3008, cachedInput: 8000, cacheWrite: 4012, output: 604, reasoning: 1500 });
    // 8×4 + 4012×5 + 4×20 = 20,172 µ$; flex ½(2000×4 + 8000×0.4 + 2000×20) = 25,600; batch ½(1000×4 + 100×20) = 3,000.
    expect(g["gpt-5.6-sol"]!.cost!.usdExact).toBe("0.048772");
    // gpt-5-2025-08-07 → gpt-5: 329 in, 300 completion = 44 + 256 reasoning: 329×1.25 + 300×10 = 3,411.25 µ$.
    expect(g["gpt-5"]!.tokens).toEqual({ input: 329, cachedInput: 0, cacheWrite: 0, output: 44, reasoning: 256 });
    expect(g["gpt-5"]!.cost!.usdExact).toBe("0.00341125");
    expect(rep.records).toBe(4);
    expect(rep.malformed).toBe(0);
  });

  it("OpenAI Responses: usage only on response.completed; service tier from the response body", () => {
    const rep = usage(fx("openai-responses.jsonl"));
    // flex: 53 in, 469 out = 21 + 448 reasoning; default: 18 in, 5 out.
    expect(byGroup(rep)["gpt-5.5"]!.tokens).toEqual({ input: 71, cachedInput: 0, cacheWrite: 0, output: 26, reasoning: 448 });
    // ½(53×5 + 469×30) + 18×5 + 5×30 = 7,167.5 + 240 = 7,407.5 µ$
    expect(byGroup(rep)["gpt-5.5"]!.cost!.usdExact).toBe("0.0074075");
  });

  it("Anthropic: three disjoint input fields, 1-hour writes, cumulative stream deltas, iterations (compaction, advisor on its own model), batch results", () => {
    const rep = usage(fx("anthropic.jsonl"));
    const g = byGroup(rep);
    // opus: 2 in + 1590 written; compaction 100 in + 55096 written + 131 out; message 229 in + 5 out;
    // the advisor iteration 2518 in + 22 out; batch 1000 in + 200 out.
    expect(g["claude-opus-4-8"]!.tokens).toEqual({ input: 3849, cachedInput: 0, cacheWrite: 56686, output: 362, reasoning: 0 });
    // 2849×5 + 56686×6.25 + 162×25 + ½(1000×5 + 200×25) = 14,245 + 354,287.5 + 4,050 + 5,000 µ$
    expect(g["claude-opus-4-8"]!.cost!.usdExact).toBe("0.3775825");
    // sonnet stream: the delta's cumulative 1591 in, 132 out of which 100 thinking; the start's
    // 9116 read and 219 written at 1 hour; the advisor message's two sonnet iterations 1200/60 + 1190/61.
    expect(g["claude-sonnet-4-6"]!.tokens).toEqual({ input: 3981, cachedInput: 9116, cacheWrite: 219, output: 153, reasoning: 100 });
    // 3981×3 + 9116×0.3 + 219×6 + 253×15 = 11,943 + 2,734.8 + 1,314 + 3,795 µ$
    expect(g["claude-sonnet-4-6"]!.cost!.usdExact).toBe("0.0197868");
    // a record per message and model it ran on: 1 + the stream + compaction (opus) + advisor (sonnet, opus) + batch
    expect(rep.records).toBe(6);
    expect(rep.duplicates).toBe(1); // the stream's message, emitted at its start and its delta
  });

  it("Gemini: cached inside the prompt, thoughts and tool-use prompt outside; the last stream chunk; the long-context tier; batch", () => {
    const rep = usage(fx("gemini.jsonl"));
    const g = byGroup(rep);
    // 15 in, 1 out, 72 thoughts; stream's last chunk 294 prompt − 200 cached + 605 tool use = 699, 230 out,
    // 158 thoughts; batch 1000 in, 100 out.
    expect(g["gemini-3.5-flash"]!.tokens).toEqual({ input: 1714, cachedInput: 200, cacheWrite: 0, output: 331, reasoning: 230 });
    // 714×1.5 + 200×0.15 + 461×9 + ½(1000×1.5 + 100×9) = 1,071 + 30 + 4,149 + 1,200 µ$
    expect(g["gemini-3.5-flash"]!.cost!.usdExact).toBe("0.00645");
    // 250,000 > 200,000: the whole call at 4 / 18: 1.00 + 0.018
    expect(g["gemini-3.1-pro-preview"]!.cost!.usdExact).toBe("1.018");
    expect(rep.duplicates).toBe(2);
  });

  it("Bedrock: invocation logs with the Converse body (1-hour writes from cacheDetails, doubled cache names added once), profile ids, duplicates by request id", () => {
    const rep = usage(fx("bedrock.jsonl"));
    const g = byGroup(rep);
    // us.anthropic.claude-opus-4-8-v1:0: 3 in, 1712 written at 1 hour, 227 out: 15 + 17,120 + 5,675 µ$
    expect(g["claude-opus-4-8"]!.tokens).toEqual({ input: 3, cachedInput: 0, cacheWrite: 1712, output: 227, reasoning: 0 });
    expect(g["claude-opus-4-8"]!.cost!.usdExact).toBe("0.02281");
    // eu.anthropic.claude-sonnet-4-6, counts only: 35×3 + 1000×0.3 + 50×15 = 1,155 µ$ (its repeat dropped)
    expect(g["claude-sonnet-4-6"]!.cost!.usdExact).toBe("0.001155");
    expect(rep.duplicates).toBe(1);
  });

  it("OpenRouter: provider-prefixed, dated, reordered ids; the reported cost kept and compared; Gemini's storage 'write' not priced as input; generation stats with timing", () => {
    const rep = usage(fx("openrouter.jsonl"));
    const g = byGroup(rep);
    // anthropic/claude-4.6-sonnet-20260217: 1 + 2569 read + 79 written = 2649: 3 + 770.7 + 296.25 + 1,500 = 2,569.95 µ$, as reported.
    expect(g["claude-sonnet-4-6"]!.cost!.usdExact).toBe("0.00256995");
    expect(g["claude-sonnet-4-6"]!.reportedUsd).toBe(0.00256995);
    expect(g["claude-sonnet-4-6"]!.differenceUsd).toBe(0);
    // google/gemini-2.5-flash: 2161 cached + 2161 "written" > 2168 prompt: 7 uncached, the write is storage.
    expect(g["gemini-2.5-flash"]!.tokens).toEqual({ input: 7, cachedInput: 2161, cacheWrite: 0, output: 10, reasoning: 0 });
    expect(rep.warnings.map((w) => w.code)).toContain("CACHE_STORAGE");
    // stats: 1200 prompt of which 200 cached, 600 completion of which 100 reasoning: 5,000 + 100 + 18,000 µ$
    expect(g["gpt-5.5"]!.cost!.usdExact).toBe("0.0231");
    // latency 3,000 ms total, 2,500 generating: 0.5 s to the first token, 600 / 2.5 s = 240 tokens/s
    expect(rep.speed).toEqual([{ model: "gpt-5.5", outputTokensPerSecond: { samples: 1, median: 240, p90: 240 }, timeToFirstTokenSeconds: { samples: 1, median: 0.5, p90: 0.5 } }]);
  });

  it("OpenTelemetry: OTLP/JSON with string and number ints, inference spans only (not invoke_agent), aliases said, first-token events and attributes", () => {
    const rep = usage(fx("otel.jsonl"));
    const g = byGroup(rep);
    // 30010 in of which 20000 read; 1200 out of which 200 reasoning: 10010×5 + 20000×0.5 + 1200×30 = 96,050 µ$
    expect(g["gpt-5.5"]!.tokens).toEqual({ input: 10010, cachedInput: 20000, cacheWrite: 0, output: 1000, reasoning: 200 });
    expect(g["gpt-5.5"]!.cost!.usdExact).toBe("0.09605");
    // aliases: 500 in − 100 read − 300 written = 100: 300 + 30 + 1,125 + 750 µ$
    expect(g["claude-sonnet-4-6"]!.tokens).toEqual({ input: 100, cachedInput: 100, cacheWrite: 300, output: 50, reasoning: 0 });
    expect(g["claude-sonnet-4-6"]!.cost!.usdExact).toBe("0.002205");
    expect(rep.records).toBe(2);
    // the aliases only: the standard names the fixture also uses are not listed
    expect(rep.warnings.find((w) => w.code === "ATTRIBUTE_ALIAS")!.message).toBe(
      "non-standard OpenTelemetry attributes read as the standard ones: gen_ai.usage.cache_read_input_tokens, gen_ai.usage.input_tokens.cache_write",
    );
    // 4 s span, first token at 0.5 s: 1200 / 3.5 s; 2 s span, 0.4 s to the first chunk: 50 / 1.6 s
    const speed = Object.fromEntries(rep.speed!.map((s) => [s.model, s]));
    expect(speed["gpt-5.5"]!.outputTokensPerSecond!.median).toBe(342.857);
    expect(speed["claude-sonnet-4-6"]!.outputTokensPerSecond!.median).toBe(31.25);
    expect(speed["claude-sonnet-4-6"]!.timeToFirstTokenSeconds!.median).toBe(0.4);
  });

  it("Claude Code: one record per message id and request id, the snapshot with the most output; a missing request id; synthetic rows and other line types skipped", () => {
    const rep = usage(fx("claude-code.jsonl"));
    // msg_01CcLT's rows carry 5, 5 and 132 output: 132 counts. msg_02NoReq has no requestId.
    expect(byGroup(rep)["claude-opus-4-6"]!.tokens).toEqual({ input: 13, cachedInput: 25503, cacheWrite: 8385, output: 172, reasoning: 0 });
    // 13×5 + 25503×0.5 + 8385×10 (all 1-hour) + 172×25 = 65 + 12,751.5 + 83,850 + 4,300 µ$
    expect(byGroup(rep)["claude-opus-4-6"]!.cost!.usdExact).toBe("0.1009665");
    expect(rep.records).toBe(2);
    expect(rep.duplicates).toBe(2);
    expect(rep.malformed).toBe(0);
    // prompt at :20, first row at :22 (2 s to the first token), last at :26: 132 / 4 s
    expect(rep.speed![0]).toMatchObject({ model: "claude-opus-4-6", outputTokensPerSecond: { samples: 1, median: 33 }, timeToFirstTokenSeconds: { samples: 2, median: 2 } });
  });

  it("plain CSV and JSONL: the five classes by name", () => {
    const csv = byGroup(usage(fx("plain.csv")));
    // 3000 in, 1000 cached, 300 out, 50 reasoning: 15,000 + 500 + 10,500 µ$
    expect(csv["gpt-5.5"]!.cost!.usdExact).toBe("0.026");
    expect(csv["claude-sonnet-4-6"]!.cost!.usdExact).toBe("0.002175"); // 1,500 + 375 + 300
    // 1M in + 1M out on Flash: $10.50; then 12 in, 3 out, 4 reasoning: 18 + 63 µ$
    expect(byGroup(usage(fx("plain.jsonl")))["gemini-3.5-flash"]!.cost!.usdExact).toBe("10.500081");
  });

  it("every format at once, mixed in one run: the sum of the parts", () => {
    const files = ["openai-chat.jsonl", "openai-responses.jsonl", "anthropic.jsonl", "gemini.jsonl", "bedrock.jsonl", "openrouter.jsonl", "otel.jsonl", "claude-code.jsonl", "plain.csv", "plain.jsonl"];
    const rep = usage(...files.map(fx));
    expect(rep.records).toBe(4 + 2 + 6 + 4 + 2 + 3 + 2 + 2 + 3 + 2);
    // the parts above: 0.048772 + 0.00341125 + 0.0074075 + 0.3775825 + 0.0197868 + 0.00645 + 1.018 + 0.02281
    // + 0.001155 + 0.00256995 + 0.00009193 + 0.0231 + 0.09605 + 0.002205 + 0.1009665 + 0.026 + 0.002175 + 10.500081
    expect(rep.totals.cost!.usdExact).toBe("12.25861443");
  });

  it("every JSON format in one file, line after line: the same parts", () => {
    const files = ["openai-chat.jsonl", "openai-responses.jsonl", "anthropic.jsonl", "gemini.jsonl", "bedrock.jsonl", "openrouter.jsonl", "otel.jsonl", "claude-code.jsonl", "plain.jsonl"];
    const mixed = tempFile("mixed.jsonl", files.map((f) => readFileSync(fx(f), "utf8")).join(""));
    const rep = usage(mixed);
    expect(rep.records).toBe(4 + 2 + 6 + 4 + 2 + 3 + 2 + 2 + 2);
    // the total above less the CSV's 0.026 + 0.002175
    expect(rep.totals.cost!.usdExact).toBe("12.23043943");
    expect(rep.malformed).toBe(0);
  });
});
