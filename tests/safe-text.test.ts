import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.ts";
import { safeForFormat } from "../src/report/safe-text.ts";

// safeForFormat hands renderers a view whose strings are fixed as they are read. The reference
// here is the copy it replaced: every string of the value fixed, everything else as it was.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const fixedCopy = (v: unknown, fix: (s: string) => string): unknown => {
  if (typeof v === "string") return fix(v);
  if (Array.isArray(v)) return v.map((x) => fixedCopy(x, fix));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fixedCopy(x, fix)]));
  return v;
};
// What printable does, written out: line breaks and tabs become spaces, other controls "�".
const terminal = (s: string) => s.replace(/[\t\n\r]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD"); // eslint-disable-line no-control-regex

// Strings with the characters that matter here mixed in.
const text = fc.string({ unit: fc.constantFrom("a", "Z", " ", "<", "`", "|", "\n", "\t", "\r", "\u001b", "\u0000", "\u009b", "é", "—"), maxLength: 12 });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 5 }), tie("value"), { maxKeys: 4 }),
})).value;

describe("safeForFormat", () => {
  it("reads, for a table, as a copy with every string made printable (property)", () => {
    fc.assert(
      fc.property(json, (value) => {
        const before = structuredClone(value);
        const view = safeForFormat(value, "table");
        // JSON.stringify reads every value through the view.
        expect(JSON.parse(JSON.stringify(view) ?? "null")).toEqual(JSON.parse(JSON.stringify(fixedCopy(value, terminal)) ?? "null"));
        expect(value).toEqual(before); // the report itself is untouched
      }),
    );
  });

  it("fixes strings however a renderer reaches them", () => {
    const report = { name: "a\u001b[2Jb", rows: [{ model: "x\ny", tags: ["\u0000t"] }], empty: [] as string[] };
    const view = safeForFormat(report, "table");
    expect(view.name).toBe("a\uFFFD[2Jb");
    expect(view.rows.map((r) => r.model)).toEqual(["x y"]);
    expect([...view.rows[0]!.tags]).toEqual(["\uFFFDt"]);
    expect(Object.values(view.rows[0]!)).toEqual(["x y", ["\uFFFDt"]]);
    const { model } = view.rows[0]!;
    expect(model).toBe("x y");
    expect({ ...view }.name).toBe("a\uFFFD[2Jb");
    expect(Array.isArray(view.rows)).toBe(true);
    expect(view.rows.length).toBe(1);
    // One view per object: the same row read twice is the same value.
    expect(view.rows[0]).toBe(view.rows[0]);
    for (const s of [view.name, view.rows[0]!.model, view.rows[0]!.tags[0]!]) expect(CONTROL.test(s)).toBe(false);
  });

  it("escapes markup for markdown", () => {
    const view = safeForFormat({ name: "<img src=x>`code`\n## ok" }, "markdown");
    expect(view.name).toBe("&lt;img src=x>'code' ## ok");
  });

  it("gives JSON the report itself (JSON escapes on its own)", () => {
    const report = { name: "\u001b" };
    expect(safeForFormat(report, "json")).toBe(report);
  });

  it("passes values that are not plain objects or arrays as they are", () => {
    const d = Decimal.from("1.5");
    const m = new Map([["k", "\u001b"]]);
    const view = safeForFormat({ d, m }, "table");
    expect(view.d).toBe(d);
    expect(view.m).toBe(m);
  });

  it("refuses writes: a renderer that changed the report would change what later output reads", () => {
    const report = { name: "a", rows: [{ n: 1 }, { n: 2 }] };
    const view = safeForFormat(report, "csv");
    expect(() => {
      view.name = "b";
    }).toThrow(/read-only/);
    expect(() => view.rows.reverse()).toThrow(/read-only/);
    expect(() => {
      delete (view.rows[0] as { n?: number }).n;
    }).toThrow(/read-only/);
    expect(report).toEqual({ name: "a", rows: [{ n: 1 }, { n: 2 }] });
  });
});
