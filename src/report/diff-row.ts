import type { Diff, Thresholds } from "../engine/diff.ts";
import type { WorkloadInfo } from "./report.ts";
import type { SCHEMA_VERSION } from "./report.ts";

// The data of `tokencost diff` (what --json prints); renderers in diff.ts.

export interface SideOut {
  model: string;
  usd: number;
  usdExact: string;
  seconds: number | null;
  perMonth: number | null;
}

export interface DiffRow {
  model: string;
  base: SideOut;
  head: SideOut;
  deltaUsd: number;
  deltaUsdExact: string;
  deltaPercent: number | null;
  deltaSeconds: number | null;
  deltaSecondsPercent: number | null;
  deltaPerMonth: number | null;
  deltaPerMonthPercent: number | null;
  pass: boolean;
  failures: string[];
}

export interface DiffReport {
  schemaVersion: typeof SCHEMA_VERSION;
  command: "diff";
  at: string;
  registryAsOf: string | null;
  monthDays: number;
  base: WorkloadInfo;
  head: WorkloadInfo;
  thresholds: Thresholds;
  diffs: DiffRow[];
  summary: { models: number; failed: number };
}

export function diffRow(d: Diff): DiffRow {
  const side = (s: Diff["base"]): SideOut => ({
    model: s.model,
    usd: s.usd.toNumber(),
    usdExact: s.usd.toString(),
    seconds: s.seconds,
    perMonth: s.perMonth?.toNumber() ?? null,
  });
  return {
    model: d.head.model,
    base: side(d.base),
    head: side(d.head),
    deltaUsd: d.deltaUsd.toNumber(),
    deltaUsdExact: d.deltaUsd.toString(),
    deltaPercent: d.deltaPercent,
    deltaSeconds: d.deltaSeconds,
    deltaSecondsPercent: d.deltaSecondsPercent,
    deltaPerMonth: d.deltaPerMonth?.toNumber() ?? null,
    deltaPerMonthPercent: d.deltaPerMonthPercent,
    pass: d.failures.length === 0,
    failures: d.failures,
  };
}

