import { delimiter } from "node:path";
import { isTokencostError, TokencostError } from "../errors.ts";
import { bundledPricing } from "../pricing/bundled.ts";
import { Registry } from "../pricing/registry.ts";
import type { Paint } from "../report/paint.ts";
import { plain } from "../report/paint.ts";
import type { Format } from "../report/formats.ts";
import type { Io } from "./io.ts";
import type { OutputFlags } from "./options.ts";
import { toJson } from "../report/json.ts";
import { daysBetween } from "../dates.ts";
import { warning, type Warning } from "../warnings.ts";

// What every command does around its own work. Heavy modules (the zod validators, cli-table3,
// chalk) are imported only on the paths that need them: `estimate --json` loads none of them.

/** TOKENCOST_PRICING is a path list like PATH. */
export function pricingFilesFromEnv(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(delimiter).map((s) => s.trim()).filter(Boolean);
}

/**
 * The registry: bundled, then TOKENCOST_PRICING files, then --pricing files (later wins).
 * `full` keeps every field of the bundled entries (for `models`), not just the prices.
 */
export async function registryFor(flags: OutputFlags, io: Io, detail: "pricing" | "full" = "pricing"): Promise<Registry> {
  const fromEnv = pricingFilesFromEnv(io.env.TOKENCOST_PRICING);
  const files = [...fromEnv, ...(flags.pricing ?? [])];
  const sources = bundledPricing(detail);
  if (files.length > 0) {
    const { readPricingFile } = await import("../validators.ts");
    files.forEach((path, i) => {
      try {
        sources.push(readPricingFile(path));
      } catch (e) {
        // A path from the environment is not on the command line: say where it came from.
        if (i < fromEnv.length && isTokencostError(e)) throw new TokencostError(e.code, `TOKENCOST_PRICING: ${e.message}`, e.hint);
        throw e;
      }
    });
  }
  return new Registry(sources);
}

/**
 * chalk 5 ignores NO_COLOR, so the level is decided here: NO_COLOR (non-empty) wins, then
 * FORCE_COLOR, then colour only on a terminal (at the level chalk detects for it).
 */
export function colorLevel(env: Io["env"], isTTY: boolean | (() => boolean), detected: () => number = () => 1): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.max(0, Math.min(3, n)) as 0 | 1 | 2 | 3);
  }
  if (env.TERM === "dumb" || !(typeof isTTY === "function" ? isTTY() : isTTY)) return 0;
  return Math.max(1, Math.min(3, detected())) as 1 | 2 | 3;
}

export async function paintFor(io: Io): Promise<Paint> {
  // Asked only when the environment leaves it open: the answer loads node:tty (and net).
  let tty: boolean | undefined;
  const isTTY = () => (tty ??= Boolean(io.stdout.isTTY));
  if (colorLevel(io.env, isTTY) === 0) return plain;
  const { chalkPaint, supportsColor } = await import("./colour.ts");
  const level = colorLevel(io.env, isTTY, () => (supportsColor ? supportsColor.level : 1));
  return level === 0 ? plain : chalkPaint(level);
}

/** SPEC §10: bundled prices older than this on the pricing date are said to be stale. */
export const STALE_AFTER_DAYS = 90;

/** A warning when the bundled prices are more than 90 days older than the pricing date. */
export function staleNotice(registry: Registry, at: string): Warning[] {
  const asOf = registry.asOf;
  if (!asOf) return [];
  const days = daysBetween(asOf, at);
  if (days <= STALE_AFTER_DAYS) return [];
  return [warning("STALE_PRICES", `the bundled prices are from ${asOf}, ${days} days before the pricing date ${at}: they may have changed since (update tokencost, or give current rates with --pricing FILE)`)];
}

export type Renderer<R> = (report: R, format: Format, paint?: Paint) => string;

/**
 * The report on stdout, nothing else there. JSON is the report serialized; other formats load
 * their renderer (and, for tables, the colour decision) on demand.
 */
export async function writeOutput<R>(io: Io, format: Format, report: R, renderer: () => Promise<Renderer<R>>): Promise<void> {
  if (format === "json") {
    io.stdout.write(toJson(report));
    return;
  }
  const render = await renderer();
  io.stdout.write(render(report, format, format === "table" ? await paintFor(io) : undefined));
}

/**
 * In GitHub Actions, $GITHUB_STEP_SUMMARY names a file whose markdown shows on the run's page;
 * earlier steps may have written to it, so the report is appended, never overwritten.
 */
export function writeStepSummary(io: Io, markdown: string): void {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    io.appendFile(path, `${markdown}\n`);
  } catch (e) {
    // The report is already on stdout; a summary that cannot be written must not change the verdict.
    io.stderr.write(`warning: cannot append to GITHUB_STEP_SUMMARY (${path}): ${(e as Error).message}\n`);
  }
}
