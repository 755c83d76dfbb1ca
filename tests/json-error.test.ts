import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset } from "../src/json-error.ts";

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
