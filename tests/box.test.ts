import Table from "cli-table3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxTable, displayWidth, type Align } from "../src/report/box.ts";

// The tables tokencost draws are cli-table3's, character for character: cli-table3 (a dev
// dependency now) is the reference, with the options tokencost used to give it.

const reference = (head: string[], aligns: Align[], rows: string[][]) => {
  const t = new Table({ head, colAligns: aligns, style: { head: [], border: [] }, chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } });
  for (const r of rows) t.push(r);
  return t.toString();
};
const ours = (head: string[], aligns: Align[], rows: string[][]) => {
  const t = boxTable(head, aligns);
  for (const r of rows) t.push(r);
  return t.toString();
};

// Text like the reports': ids, money, arrows, dashes, ×, box-free; some wide characters and colour.
const cellText = fc.oneof(
  fc.stringMatching(/^[a-z0-9.\-/ ]{0,24}$/),
  fc.constantFrom("—", "×1.28 out", "$0.0024", "1.05M", "→", "…", "✅", "❌", "中文", "\u001b[1mbold\u001b[22m", "\u001b[32m$1.50\u001b[39m", ""),
);

describe("box tables", () => {
  it("draw what cli-table3 draws, for any cells", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc.tuple(fc.array(cellText, { minLength: n, maxLength: n }), fc.array(fc.constantFrom<Align>("left", "right"), { minLength: n, maxLength: n }), fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { maxLength: 8 })),
      ), ([head, aligns, rows]) => {
        expect(ours(head, aligns, rows)).toBe(reference(head, aligns, rows));
      }),
      { numRuns: 300 },
    );
  });

  it("a 20,000-row table is drawn (one pass; cli-table3's layout is quadratic)", () => {
    const t = boxTable(["model", "cost"], ["left", "right"]);
    for (let i = 0; i < 20_000; i++) t.push([`m-${i}`, `$${i}`]);
    const text = t.toString();
    expect(text.split("\n")).toHaveLength(20_003); // top, head, 20,000 rows, bottom
    expect(text.split("\n")[20_001]).toBe("│ m-19999 │ $19999 │");
  });

  it.each([
    ["abc", 3],
    ["\u001b[32mgreen\u001b[39m", 5], // colour codes take no columns
    ["中文", 4], // wide characters take two
    ["—×→…", 4],
  ])("%j is %d columns wide", (text, width) => expect(displayWidth(text)).toBe(width));
});
