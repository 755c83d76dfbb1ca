import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type CliResult } from "./spawn.ts";

// Issue 8 B2: a workload of 600,000 steps (7.8 MB, under the 8 MB limit) used to take ~250 MB
// of heap to price, and `check` held every workload of a directory at once until V8 gave up.
// Each run here gets a heap too small for that: 600,000 calls must cost bytes each, and `check`
// and `diff` must hold one workload at a time. (The code before the fix fails every test here
// at this size: one file alone needed a 256 MB heap.)

const HEAP_MB = 192;
const AT = ["--at", "2026-11-28"];
// A heap that runs out kills the child (SIGABRT) and takes its time doing it.
const TIMEOUT_MS = 120_000;

function capped(args: string[]): CliResult {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", COLUMNS: "200", TZ: "UTC" };
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, `${ROOT}bin/tokencost.js`, ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.signal) throw new Error(`tokencost ${args.join(" ")} was killed by ${r.signal}: ${r.stderr.slice(0, 500)}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ok = (r: CliResult) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout);
};

let dir: string;
/** A workload of `n` copies of one step, written without building it as an object first. */
function workload(path: string, n: number, step: string): string {
  const text = `{"model": "gemini-3.5-flash", "budget": {"usdPerRun": 1000}, "steps": [${Array(n).fill(step).join(",")}]}`;
  writeFileSync(path, text);
  expect(statSync(path).size).toBeLessThan(8 * 1024 * 1024);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tokencost-memory-"));
  mkdirSync(join(dir, "many"));
  // 600,000 × 10 input tokens = 6,000,000 × $1.50/M = $9 a run.
  workload(join(dir, "many", "a.json"), 600_000, '{"input":10}');
  // 290,000 × (1,000 × $1.50/M + 100 × $9/M) = 290,000 × $0.0024 = $696 a run.
  workload(join(dir, "many", "b.json"), 290_000, '{"input":1000,"output":100}');
  workload(join(dir, "many", "c.json"), 600_000, '{"input":10}');
  // 600,000 × 20 input tokens = 12,000,000 × $1.50/M = $18 a run.
  workload(join(dir, "head.json"), 600_000, '{"input":20}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`600,000-step workloads in a ${HEAP_MB} MB heap`, () => {
  it("estimate prices one exactly", { timeout: TIMEOUT_MS }, () => {
    const r = ok(capped(["estimate", join(dir, "many", "a.json"), "--model", "gemini-3.5-flash", ...AT, "--json"]));
    expect(r.results[0]).toMatchObject({ usdExact: "9", calls: 600_000, tokens: { input: 6_000_000, output: 0 } });
  });

  it("check reads a directory of them one at a time", { timeout: TIMEOUT_MS }, () => {
    const r = ok(capped(["check", join(dir, "many"), ...AT, "--json"]));
    expect(r.results.map((x: { usdExact: string }) => x.usdExact)).toEqual(["9", "696", "9"]);
    expect(r.checks.map((c: { limit: string; value: number; pass: boolean }) => [c.limit, c.value, c.pass])).toEqual([
      ["usdPerRun", 9, true],
      ["usdPerRun", 696, true],
      ["usdPerRun", 9, true],
    ]);
  });

  it("diff holds one side at a time", { timeout: TIMEOUT_MS }, () => {
    const r = ok(capped(["diff", join(dir, "many", "a.json"), join(dir, "head.json"), ...AT, "--json"]));
    // $9 → $18: +$9, +100%.
    expect(r.diffs[0]).toMatchObject({ base: { usdExact: "9" }, head: { usdExact: "18" }, deltaUsd: 9, deltaPercent: 100 });
  });
});
