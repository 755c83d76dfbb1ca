import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, parseJson } from "../src/read.ts";
import { parseWorkload } from "../src/workload/parse.ts";
import type { SequenceStep, Step } from "../src/workload/types.ts";

// Plain calls are checked by hand (zod per step cost kilobytes each, issue 8 B2); a step with a
// measuredOn still goes through zod, so zod is the reference the hand check must agree with.

const parse = (raw: unknown) => parseWorkload(raw, { label: "w.json", defaultName: "w" });
const steps = (raw: object[]) => (parse({ steps: raw }).root as SequenceStep).steps;
const failure = (raw: unknown): string => {
  try {
    parse(raw);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the workload to be rejected");
};
const withoutPin = ({ measuredOn: _, ...s }: Step) => s;

describe("a plain call reads as zod reads it", () => {
  it.each<[string, object]>([
    ["one class", { input: 10 }],
    ["every class, as text", { input: "120k", cachedInput: "1.5M", cacheWrite: "12_000", output: "0", reasoning: 9007199254740991 }],
    ["requests and tool time", { output: 1, requests: "1k", toolSeconds: "1m30s" }],
    ["a 1-hour cache write", { cacheWrite: 5, cacheTtl: "1h" }],
    ["a pinned model, trimmed", { input: 1, model: "  gpt-5 " }],
    ["a name and an effort", { input: 1, name: "", effort: "high" }],
    ["the default effort", { input: 1, effort: null }],
  ])("%s", (_, call) => {
    // A measuredOn sends the same call through zod; apart from it, both must come out the same.
    const [fast] = steps([call]);
    const [zod] = steps([{ ...call, measuredOn: "gpt-5" }]);
    expect(zod!.measuredOn).toEqual({ name: "gpt-5", path: ["steps", 0, "measuredOn"] });
    expect(fast).toStrictEqual(withoutPin(zod!));
    expect(fast!.path).toEqual(["steps", 0]);
  });

  it.each<[string, object, string]>([
    ["a blank model", { input: 1, model: "  " }, "w.json: steps[0].model: a model name cannot be empty"],
    ["a name that is not text", { input: 1, name: 5 }, "w.json: steps[0].name: expected string, got 5"],
    ["no requests", { input: 1, requests: 0 }, "w.json: steps[0].requests: requests must be at least 1, got 0"],
    ["a fractional token count", { input: 1.5 }, "w.json: steps[0].input: expected a whole number of tokens like 1200, \"120k\" or \"1.5M\", got 1.5"],
    ["a TTL not offered", { cacheWrite: 1, cacheTtl: "1d" }, 'w.json: steps[0].cacheTtl: expected one of "5m", "1h", got "1d"'],
    ["an unknown effort", { input: 1, effort: "ultra" }, 'w.json: steps[0].effort: unknown effort "ultra"'],
    ["a typo", { input: 1, ouptut: 2 }, 'w.json: steps[0].ouptut: unknown key "ouptut" — did you mean "output"?'],
    ["no tokens", { requests: 2, name: "x" }, "w.json: steps[0]: a call needs tokens"],
  ])("%s is zod's message", (_, call, message) => {
    expect(failure({ steps: [call] })).toContain(message);
  });

  it("a key set to undefined (library callers) is as if absent", () => {
    expect(steps([{ input: 1, output: undefined }])[0]).toMatchObject({ kind: "call", input: 1, output: 0 });
  });
});

describe("JSON depth is read from the text", () => {
  const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  it.each<[string, string, boolean]>([
    [`${MAX_JSON_DEPTH} levels`, nested(MAX_JSON_DEPTH), true],
    [`${MAX_JSON_DEPTH + 1} levels`, nested(MAX_JSON_DEPTH + 1), false],
    ["brackets inside a string", `{"a": "${"[{".repeat(400)}"}`, true],
    ["after an escaped quote", `["\\"${"[".repeat(400)}"]`, true],
    ["after an escaped backslash", `["\\\\", ${nested(MAX_JSON_DEPTH)}]`, false],
  ])("%s", (_, text, fine) => {
    const run = () => parseJson(text, "w.json");
    if (fine) expect(run).not.toThrow();
    else expect(run).toThrow(`w.json: JSON nested more than ${MAX_JSON_DEPTH} levels deep`);
  });
});
