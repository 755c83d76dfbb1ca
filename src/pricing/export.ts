import { byText } from "../text.ts";
import { statusAt } from "./lifecycle.ts";
import { BILLED_CLASSES, priceModel } from "./price-at.ts";
import type { Model } from "./registry.ts";

// `tokencost pricing export`: the registry in force on a day as one flat table — one row per
// model and price band — for a warehouse to join with usage (SPEC §10). The rates are the ones
// tokencost bills with: scheduled changes applied, and a missing cache or reasoning rate already
// at its fallback, so that tokens × rate / 1e6 is the cost with no rule left to apply.

export interface Column {
  name: string;
  type: "text" | "rate" | "int" | "float" | "date";
}

export type Cell = string | number | null;

/** Service tiers in the order people meet them; any other a file names comes after, by name. */
const TIER_ORDER = ["batch", "flex", "priority", "fast", "us-only", "peak"];

const RATE_COLUMNS = ["input", "cached_input", "cache_write", "cache_write_1h", "output", "reasoning"] as const;

export interface PriceTable {
  at: string;
  columns: Column[];
  rows: Cell[][];
}

export function priceTable(models: readonly Model[], at: string): PriceTable {
  const found = new Set(models.flatMap((m) => Object.keys(m.serviceTiers ?? {})));
  const tiers = [...TIER_ORDER.filter((t) => found.has(t)), ...[...found].filter((t) => !TIER_ORDER.includes(t)).sort(byText)];
  const columns: Column[] = [
    { name: "model", type: "text" },
    { name: "provider", type: "text" },
    { name: "aliases", type: "text" },
    { name: "band_above_tokens", type: "int" },
    ...RATE_COLUMNS.map((c) => ({ name: `${c}_per_million`, type: "rate" as const })),
    ...tiers.map((t) => ({ name: `tier_${t.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`, type: "rate" as const })),
    { name: "context_tokens", type: "int" },
    { name: "input_tokens_limit", type: "int" },
    { name: "output_tokens_limit", type: "int" },
    { name: "output_tokens_per_second", type: "float" },
    { name: "ttft_seconds", type: "float" },
    { name: "status", type: "text" },
    { name: "deprecation_date", type: "date" },
    { name: "prices_as_of", type: "date" },
    { name: "source", type: "text" },
  ];
  const rows: Cell[][] = [];
  for (const m of [...models].sort((a, b) => byText(a.provider, b.provider) || byText(a.id, b.id))) {
    const status = statusAt(m, at);
    if (status === "retired") continue;
    const pricing = priceModel(m, { at });
    for (const band of pricing.bands) {
      rows.push([
        m.id,
        m.provider,
        m.aliases?.length ? m.aliases.join(" ") : null,
        band.above === null ? null : Number(band.above),
        // A model that bills no cache writes bills those tokens as input: the input rate.
        ...BILLED_CLASSES.map((c) => band.rates[c].toString()),
        ...tiers.map((t) => (m.serviceTiers && Object.hasOwn(m.serviceTiers, t) ? String(m.serviceTiers[t]) : null)),
        m.limits?.contextTokens ?? null,
        m.limits?.inputTokens ?? null,
        m.limits?.outputTokens ?? null,
        m.speed?.outputTokensPerSecond ?? null,
        m.speed?.timeToFirstTokenSeconds ?? null,
        status,
        m.deprecationDate ?? null,
        m.pricesAsOf ?? null,
        m.source ?? null,
      ]);
    }
  }
  return { at, columns, rows };
}

export type Dialect = "duckdb" | "bigquery" | "clickhouse" | "postgres";

const TYPES: Record<Dialect, Record<Column["type"], string>> = {
  // 18 decimals: a rate per million of a price per token written to 12 places survives whole.
  duckdb: { text: "VARCHAR", rate: "DECIMAL(38,18)", int: "BIGINT", float: "DOUBLE", date: "DATE" },
  postgres: { text: "TEXT", rate: "NUMERIC(38,18)", int: "BIGINT", float: "DOUBLE PRECISION", date: "DATE" },
  bigquery: { text: "STRING", rate: "BIGNUMERIC", int: "INT64", float: "FLOAT64", date: "DATE" },
  clickhouse: { text: "String", rate: "Decimal(38,18)", int: "Int64", float: "Float64", date: "Date" },
};

/** A string literal: '' doubles a quote in DuckDB and Postgres; BigQuery and ClickHouse read backslash escapes. */
function literal(value: Cell, type: Column["type"], dialect: Dialect): string {
  if (value === null) return "NULL";
  if (type === "text") {
    const s = String(value);
    if (dialect === "bigquery" || dialect === "clickhouse") return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
    return `'${s.replace(/'/g, "''")}'`;
  }
  if (type === "date") return dialect === "clickhouse" ? `toDate('${value}')` : `DATE '${value}'`;
  // Rates are exact decimal text; BigQuery wants BIGNUMERIC spelled out to keep them exact.
  if (type === "rate") return dialect === "bigquery" ? `BIGNUMERIC '${value}'` : String(value);
  return String(value);
}

/** A name quoted for the dialect; a dotted one (dataset.table) part by part, BigQuery's whole. */
const ident = (name: string, dialect: Dialect): string => {
  if (dialect === "bigquery") return `\`${name}\``;
  const q = dialect === "clickhouse" ? "`" : '"';
  return name.split(".").map((part) => `${q}${part}${q}`).join(".");
};

export function priceTableSql(table: PriceTable, dialect: Dialect, name = "tokencost_prices", registryAsOf: string | null = null): string {
  const cols = table.columns
    .map((c) => {
      const t = TYPES[dialect][c.type];
      const nullable = dialect === "clickhouse" && c.name !== "model" && c.name !== "provider" ? `Nullable(${t})` : t;
      return `  ${ident(c.name, dialect)} ${nullable}${dialect !== "clickhouse" && (c.name === "model" || c.name === "provider") ? " NOT NULL" : ""}`;
    })
    .join(",\n");
  const engine = dialect === "clickhouse" ? " ENGINE = MergeTree ORDER BY (provider, model)" : "";
  const out = [`-- tokencost prices in force on ${table.at}${registryAsOf ? ` (bundled prices as of ${registryAsOf})` : ""}: one row per model and price band (USD per million tokens).`, `CREATE TABLE ${ident(name, dialect)} (\n${cols}\n)${engine};`];
  const names = table.columns.map((c) => ident(c.name, dialect)).join(", ");
  // Rows in batches: one INSERT of every row is one statement some clients cannot hold.
  for (let i = 0; i < table.rows.length; i += 100) {
    const values = table.rows
      .slice(i, i + 100)
      .map((row) => `  (${row.map((v, j) => literal(v, table.columns[j]!.type, dialect)).join(", ")})`)
      .join(",\n");
    out.push(`INSERT INTO ${ident(name, dialect)} (${names}) VALUES\n${values};`);
  }
  return `${out.join("\n")}\n`;
}
