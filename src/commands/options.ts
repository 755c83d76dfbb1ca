import { InvalidArgumentError, Option, type Command } from "commander";
import { isIsoDay } from "../dates.ts";
import { TokencostError } from "../errors.ts";
import { SERVICE_TIER_HINT, SERVICE_TIER_NAME } from "../names.ts";
import { FORMATS, type Format } from "../report/formats.ts";
import type { WarningMode } from "./warning-lines.ts";
import type { Effort } from "../names.ts";
import { parseCount, parseDuration, parseEffort, parseFraction, parsePercent, parseReference, parseTokenCount, parseUsd, type Reference } from "../workload/values.ts";

// Flags shared by several commands, declared once, each parsed where it is read: a bad value
// fails at its flag with commander's message, before any work is done.

const argParser =
  <T>(parse: (v: string) => T) =>
  (value: string): T => {
    try {
      return parse(value);
    } catch (e) {
      throw new InvalidArgumentError((e as Error).message);
    }
  };

export const nonEmpty = (what: string) =>
  argParser((v: string) => {
    if (v.trim() === "") throw new Error(`${what} cannot be empty`);
    return v.trim();
  });

export const tokensArg = argParser(parseTokenCount);
export const countArg = (noun: string) => argParser((v) => parseCount(v, noun));
export const secondsArg = argParser(parseDuration);
export const usdArg = argParser(parseUsd);
export const percentArg = argParser(parsePercent);
const fractionArg = argParser((v) => {
  const n = Number(v);
  if (v.trim() === "" || Number.isNaN(n)) throw new Error(`expected a number from 0 to 1, got "${v}"`);
  parseFraction(n);
  return n;
});
const dateArg = argParser((v) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`expected a date as YYYY-MM-DD, got "${v}"`);
  if (!isIsoDay(v)) throw new Error(`${v} is not a day of the calendar`);
  return v;
});
const tierArg = argParser((v) => {
  if (!SERVICE_TIER_NAME.test(v)) throw new Error(`${SERVICE_TIER_HINT}, got "${v}"`);
  return v;
});

/** Repeatable and comma-separated: --model a --model b,c → [a, b, c]. */
const collectList = (what: string) => (value: string, previous: string[] = []) => {
  const items = value.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) throw new InvalidArgumentError(`${what} cannot be empty`);
  return [...previous, ...items];
};
export const collectPaths = (value: string, previous: string[] = []) => {
  if (value.trim() === "") throw new InvalidArgumentError("a file path cannot be empty");
  return [...previous, value];
};

export interface OutputFlags {
  format?: Format;
  json?: boolean;
  pricing?: string[];
  verbose?: boolean;
  quiet?: boolean;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--format <format>", "output format (default: table)").choices(FORMATS))
    .option("--json", "short for --format json")
    .option("--pricing <file>", "merge a pricing file over the bundled registry (repeatable)", collectPaths)
    .option("--verbose", "every warning on its own line (they are folded by kind across models)")
    .option("--quiet", "no warnings on stderr (JSON keeps them)");
}

export function warningMode(flags: OutputFlags): WarningMode {
  if (flags.verbose && flags.quiet) throw new TokencostError("USAGE", "--verbose contradicts --quiet");
  return flags.quiet ? "quiet" : flags.verbose ? "verbose" : "folded";
}

export function outputFormat(flags: OutputFlags): Format {
  if (flags.json && flags.format !== undefined && flags.format !== "json") {
    throw new TokencostError("USAGE", `--json contradicts --format ${flags.format}`);
  }
  return flags.json ? "json" : (flags.format ?? "table");
}

export interface PricingDateFlags {
  at?: string;
  allowRetired?: boolean;
}

export const atOption = () =>
  new Option("--at <date>", "use the rates in force on this day, YYYY-MM-DD (default: today)").argParser(dateArg);

/** Any flag that takes a day, YYYY-MM-DD, checked against the calendar. */
export const dateOption = (flags: string, description: string) => new Option(flags, description).argParser(dateArg);

export function addPricingDateOptions(cmd: Command): Command {
  return cmd.addOption(atOption()).option("--allow-retired", "price retired models instead of refusing them");
}

export interface WorkloadFlags {
  preset?: string;
  input?: number;
  cached?: number;
  cacheWrite?: number;
  output?: number;
  reasoning?: number;
  requests?: number;
  turns?: number;
  system?: number;
  toolSeconds?: number;
  caching?: boolean;
  hitRate?: number;
  warmSystem?: boolean;
  keepReasoning?: boolean;
  cacheTtl?: "5m" | "1h";
  runs?: number;
  per?: "day" | "month";
  tier?: string;
  batch?: boolean;
}

/** Flags that describe the work itself (as opposed to how often it runs or at what tier). */
export const TOKEN_FLAGS = [
  "input", "cached", "cacheWrite", "output", "reasoning", "requests", "turns", "system", "toolSeconds",
  "caching", "hitRate", "warmSystem", "keepReasoning", "cacheTtl",
] as const;

export function addRunsOptions(cmd: Command): Command {
  return cmd
    .option("--runs <n>", "runs per period (with --per), for the figures per month", countArg("runs"))
    .addOption(new Option("--per <period>", "period of --runs").choices(["day", "month"]).default(undefined, "month"));
}

export function addWorkloadOptions(cmd: Command): Command {
  addRunsOptions(cmd);
  return cmd
    .option("--preset <name>", "a built-in workload (see `tokencost presets`)", nonEmpty("a preset name"))
    .option("--input <tokens>", "uncached input tokens per call (per turn with --turns)", tokensArg)
    .option("--cached <tokens>", "cached input tokens per call", tokensArg)
    .option("--cache-write <tokens>", "cache-write tokens per call", tokensArg)
    .option("--output <tokens>", "output tokens per call (per turn with --turns)", tokensArg)
    .option("--reasoning <tokens>", "reasoning tokens per call (per turn with --turns)", tokensArg)
    .option("--requests <n>", "identical calls per run", countArg("requests"))
    .option("--turns <n>", "make it an agent loop of N turns whose context grows", countArg("turns"))
    .option("--system <tokens>", "agent system prompt tokens (with --turns)", tokensArg)
    .option("--tool-seconds <duration>", "tool time per call or turn, e.g. 2.5 or 30s", secondsArg)
    .option("--caching", "agent prompt caching on (with --turns)")
    .option("--hit-rate <h>", "agent cache hit rate 0..1 (implies --caching)", fractionArg)
    .option("--warm-system", "agent system prompt already cached at turn 1")
    .option("--keep-reasoning", "agent keeps reasoning tokens in its context")
    .addOption(new Option("--cache-ttl <ttl>", "cache-write TTL").choices(["5m", "1h"]))
    .option("--tier <name>", "service tier: batch, flex, priority, … (default: standard)", tierArg)
    .option("--batch", "short for --tier batch");
}

export const modelListOption = (flags: string, description: string) =>
  new Option(flags, description).argParser(collectList("a model name"));

export interface ScalingFlags {
  effort?: Effort | "all";
  measuredOn?: Reference;
  sameTokens?: boolean;
}

const effortArg = (all: boolean) =>
  argParser((v: string): Effort | "all" => {
    if (v.trim() === "all") {
      if (all) return "all";
      throw new Error("all (a row per measured effort) is for `tokencost compare`; here name one level: none, minimal, low, medium, high, xhigh or max");
    }
    try {
      return parseEffort(v.trim());
    } catch (e) {
      throw new Error(`${(e as Error).message}${all ? ", or all" : ""}`);
    }
  });

/** SPEC §8: at what effort models run, where the workload's tokens were measured, or no scaling. */
export function addScalingOptions(cmd: Command, { all }: { all: boolean }): Command {
  return cmd
    .option(
      "--effort <level>",
      `reasoning effort of every priced model: none, minimal, low, medium, high, xhigh, max${all ? ", or all (a row per measured effort)" : ""}`,
      effortArg(all),
    )
    .option("--measured-on <model[@effort]>", "the model (and effort) the workload's token counts were measured on", argParser(parseReference))
    .option("--same-tokens", "no scaling: every model priced on the workload's own token counts (per-token comparison)");
}

/** The engine's options from the scaling flags; `all` is expanded by compare itself. */
export function scalingOptions(flags: ScalingFlags): { effort?: Effort; measuredOn?: { name: string; effort?: Effort }; sameTokens?: boolean } {
  if (flags.sameTokens && flags.measuredOn) {
    throw new TokencostError("USAGE", "--same-tokens prices every model on the workload's own counts: --measured-on has nothing to scale from");
  }
  if (flags.sameTokens && flags.effort === "all") {
    throw new TokencostError("USAGE", "--effort all compares the efforts each model was measured at, which --same-tokens ignores: name one level, or drop --same-tokens");
  }
  const out: ReturnType<typeof scalingOptions> = {};
  if (flags.effort && flags.effort !== "all") out.effort = flags.effort;
  if (flags.measuredOn) out.measuredOn = { name: flags.measuredOn.model, ...(flags.measuredOn.effort ? { effort: flags.measuredOn.effort } : {}) };
  if (flags.sameTokens) out.sameTokens = true;
  return out;
}
