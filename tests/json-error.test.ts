import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { firstDuplicateKey, jsonErrorOffset } from "../src/json-error.ts";
import { parseJson } from "../src/read.ts";

describe("where JSON goes wrong", () => {
  it.each<[string, number]>([
    ['{"input": NaN}', 10],
    ['{"input": 1,}', 12],
    ['{"input" 1}', 9],
    ["[1, 2", 5],
    ['{"a": "b\\x"}', 9],
    ["{} {}", 3],
    ["tru", 0],
    ['{"a": 01}', 7],
    ["\u0000", 0],
  ])("%j fails at offset %d", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it("agrees with JSON.parse on what is valid", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (text, at, junk) => {
        const broken = text.slice(0, at % (text.length + 1)) + junk + text.slice(at % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(broken);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(broken) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it("handles nesting deeper than the call stack", () => {
    expect(jsonErrorOffset("[".repeat(100_000))).toBe(100_000);
  });
});

describe("duplicate keys", () => {
  it.each<[string, (string | number)[] | undefined]>([
    ['{"input": 5000, "input": 0}', ["input"]],
    ['{"steps": [{"input": 1}, {"output": 1, "output": 2}]}', ["steps", 1, "output"]],
    ['{"a": [1, {"b": 1, "b": 2}]}', ["a", 1, "b"]],
    ['[[{"x": 1}], {"y": {"z": 1, "z": 1}}]', [1, "y", "z"]],
    ['{"input": 1, "\\u0069nput": 2}', ["input"]], // an escape spells the same key
    ['{"a\\\\": 1, "a\\\\": 2}', ["a\\"]], // a key ending in a backslash
    // Not duplicates: the same key in two objects, a key and a value alike, keys inside strings.
    ['{"a": {"x": 1}, "b": {"x": 1}}', undefined],
    ['[{"a": 1}, {"a": 1}]', undefined],
    ['{"a": "a", "b": "a"}', undefined],
    ['{"a": "\\"a\\": 1, \\"a\\": 2", "b": 1}', undefined],
    ['{"a": 1, "A": 2}', undefined],
  ])("%s → %j", (text, path) => {
    expect(firstDuplicateKey(text)?.path).toEqual(path);
  });

  it("finds none in JSON that JSON.stringify wrote", () => {
    fc.assert(fc.property(fc.json(), (text) => firstDuplicateKey(text) === undefined));
  });

  it("finds none in the bundled pricing files and examples", () => {
    for (const dir of ["pricing", "examples"]) {
      for (const f of readdirSync(new URL(`../${dir}/`, import.meta.url)).filter((n) => n.endsWith(".json"))) {
        expect([f, firstDuplicateKey(readFileSync(new URL(`../${dir}/${f}`, import.meta.url), "utf8"))]).toEqual([f, undefined]);
      }
    }
  });

  it("parseJson refuses them with the path, one line", () => {
    expect(() => parseJson('{"steps": [{"input": 1, "input": 0}]}', "w.json")).toThrow(
      'w.json: steps[0].input: duplicate key "input" (JSON would keep only the last)',
    );
  });
});
