import { readdirSync, readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { splitCsv } from "../../src/usage/formats/plain.ts";
import { json, tempFile, tokencost } from "./spawn.ts";

// `tokencost pricing export`: the registry as a flat table, checked against the pricing files
// themselves, and as SQL run in an embedded DuckDB (a devDependency: @duckdb/node-api ships its
// engine in npm packages, no download step).

const AT = ["--at", "2026-11-28"];
const csvRows = (text: string) => {
  const [head, ...rows] = text.trim().split("\n").map(splitCsv);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

interface Entry {
  id: string;
  status?: string;
  deprecationDate?: string;
  rates: Record<string, number | null | undefined>;
  tiers?: { aboveInputTokens: number }[];
  scheduledPrices?: { from: string }[];
}
const files = readdirSync("pricing").filter((f) => f.endsWith(".json") && f !== "schema.json" && f !== "benchmarks.json");
const entries: Entry[] = files.flatMap((f) => JSON.parse(readFileSync(`pricing/${f}`, "utf8")).models as Entry[]);

async function duck(sql: string, query: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(sql);
  const r = await c.runAndReadAll(query);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

describe("pricing export", () => {
  const csv = tokencost(["pricing", "export", ...AT]);
  const rows = csvRows(csv.stdout);

  it("CSV: a row per model and band, with the base rates of the pricing files (fallbacks applied)", () => {
    expect(csv.code, csv.stderr).toBe(0);
    // Every model not yet shut down on the day; the CSV's base rows against the files' own rates.
    for (const e of entries) {
      const mine = rows.filter((r) => r.model === e.id);
      const shut = (e.status === "deprecated" || e.status === "retired") && e.deprecationDate && e.deprecationDate <= "2026-11-28" && !(e.scheduledPrices ?? []).some((s) => s.from >= e.deprecationDate! && s.from <= "2026-11-28");
      if (shut || e.status === "retired") continue;
      expect(mine, e.id).toHaveLength(1 + (e.tiers?.length ?? 0));
      if ((e.scheduledPrices ?? []).some((s) => s.from <= "2026-11-28")) continue; // changed since: priced by the schedule
      const base = mine.find((r) => r.band_above_tokens === "")!;
      expect(Number(base.input_per_million), e.id).toBe(e.rates.input);
      expect(Number(base.output_per_million), e.id).toBe(e.rates.output);
      expect(Number(base.cached_input_per_million), e.id).toBe(e.rates.cachedInput ?? e.rates.input);
      expect(Number(base.reasoning_per_million), e.id).toBe(e.rates.reasoning ?? e.rates.output);
      // no write rate (the model bills writes as input) or an unknown one: the input rate
      expect(Number(base.cache_write_per_million), e.id).toBe(e.rates.cacheWrite ?? e.rates.input);
    }
    // Written out, not through the rule above: a retired model is left out, a deprecated one that
    // still serves on the day is in.
    expect(rows.filter((r) => r.model === "claude-opus-4-1")).toEqual([]); // retired 2026-08-05
    expect(rows.filter((r) => r.model === "qwen3-max")).toEqual([]); // retired 2026-10-10
    expect(rows.filter((r) => r.model === "gpt-5")).toEqual([expect.objectContaining({ status: "deprecated" })]); // shuts down 2026-12-11
    const flash = rows.filter((r) => r.model === "gemini-3.5-flash");
    expect(flash).toEqual([expect.objectContaining({ provider: "google", input_per_million: "1.5", cached_input_per_million: "0.15", output_per_million: "9", tier_batch: "0.5", tier_flex: "0.5", tier_priority: "1.8", context_tokens: "1048576", output_tokens_per_second: "204", status: "current" })]);
  });

  it("a price band per long-context tier, priced as a call above it is", () => {
    const pro = rows.filter((r) => r.model === "gemini-3.1-pro-preview");
    expect(pro.map((r) => [r.band_above_tokens, r.input_per_million, r.output_per_million])).toEqual([
      ["", "2", "12"],
      ["200000", "4", "18"],
    ]);
  });

  it("SQL runs in DuckDB, and queries give the CSV's figures", async () => {
    const sql = tokencost(["pricing", "export", "--format", "sql", ...AT]);
    expect(sql.code, sql.stderr).toBe(0);
    const [count] = await duck(sql.stdout, "SELECT count(*) AS n FROM tokencost_prices");
    expect(Number(count!.n)).toBe(rows.length);
    const [flash] = await duck(sql.stdout, "SELECT input_per_million, output_per_million, tier_batch FROM tokencost_prices WHERE model = 'gemini-3.5-flash'");
    expect([flash!.input_per_million, flash!.output_per_million, flash!.tier_batch].map(Number)).toEqual([1.5, 9, 0.5]);
  });

  it("text with quotes and backslashes is quoted for each dialect; DuckDB reads it back unchanged", async () => {
    const source = "O'Reilly \\ pricing, \"2026\"";
    const path = tempFile("quoted.json", { provider: "acme", models: [{ id: "acme-1", rates: { input: 1, output: 2 }, source }] });
    const out = (dialect: string) => tokencost(["pricing", "export", "--format", "sql", "--dialect", dialect, "--pricing", path, ...AT]).stdout;
    const [row] = await duck(out("duckdb"), "SELECT source FROM tokencost_prices WHERE model = 'acme-1'");
    expect(row!.source).toBe(source);
    expect(out("postgres")).toContain(`'O''Reilly \\ pricing, "2026"'`);
    expect(out("bigquery")).toContain(`'O\\'Reilly \\\\ pricing, "2026"'`);
    expect(out("bigquery")).toContain("CREATE TABLE `tokencost_prices`");
    expect(out("clickhouse")).toContain("ENGINE = MergeTree ORDER BY (provider, model)");
  });

  it("JSON lists the columns and the rows", () => {
    const rep = json(tokencost(["pricing", "export", "--format", "json", ...AT]));
    expect(rep).toMatchObject({ command: "pricing export", at: "2026-11-28" });
    expect(rep.rows).toHaveLength(rows.length);
    expect(rep.rows.find((r: { model: string }) => r.model === "gemini-3.5-flash")).toMatchObject({ input_per_million: 1.5, band_above_tokens: null, aliases: null });
  });

  it("--dialect without --format sql, and a table name that is not one: exit 2", () => {
    expect(tokencost(["pricing", "export", "--dialect", "postgres"]).code).toBe(2);
    expect(tokencost(["pricing", "export", "--format", "sql", "--table", "x; drop"]).code).toBe(2);
  });

  it("the README's query joins the export with `usage --format csv` in DuckDB and gives the usage total", async () => {
    const usage = tokencost(["usage", "tests/fixtures/usage/plain.csv", "--format", "csv", ...AT]).stdout;
    const usagePath = tempFile("usage.csv", usage);
    const sql = tokencost(["pricing", "export", "--format", "sql", ...AT]).stdout;
    const query = /```sql\n([\s\S]*?)```/.exec(readFileSync("README.md", "utf8"))![1]!.replace("'usage.csv'", `'${usagePath}'`);
    const [total] = await duck(sql, query);
    // tokencost usage on the same file: 0.026 + 0.002175
    expect(Number(total!.usd)).toBeCloseTo(0.028175, 12);
    expect(json(tokencost(["usage", "tests/fixtures/usage/plain.csv", "--json", ...AT])).totals.cost.usdExact).toBe("0.028175");
  });
});
