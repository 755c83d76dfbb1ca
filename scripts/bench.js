#!/usr/bin/env node
// `npm run bench`: how much longer a tokencost run takes than starting Node at all.
// Paired: each round times `node -e 0` and then the command, back to back, so both see the same
// machine load; the figure is the median of the per-round ratios. Run after `npm run build`.
//   node scripts/bench.js [--runs N] [--json]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 0) || Number(process.env.BENCH_RUNS) || 40;
const asJson = args.includes("--json");
const bin = fileURLToPath(new URL("../bin/tokencost.js", import.meta.url));

const COMMANDS = [
  ["estimate", "--model", "gemini-3.5-flash", "--json"],
  ["compare", "--all"],
  ["models"],
];
const TARGET = 1.3; // issues 4 and 8: every command here within 1.3× of `node -e 0`

function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Rounds go through every command in turn, so that a busy spell on a shared machine falls on all
// of them alike rather than on whichever command was being timed.
for (const cmd of COMMANDS) for (let i = 0; i < 3; i++) time([bin, ...cmd]); // warm the file cache
const samples = COMMANDS.map(() => ({ base: [], tool: [], ratios: [] }));
for (let i = 0; i < runs; i++) {
  COMMANDS.forEach((cmd, k) => {
    const a = time(["-e", "0"]);
    const b = time([bin, ...cmd]);
    samples[k].base.push(a);
    samples[k].tool.push(b);
    samples[k].ratios.push(b / a);
  });
}
const results = COMMANDS.map((cmd, k) => ({
  command: `tokencost ${cmd.join(" ")}`,
  runs,
  nodeMs: median(samples[k].base),
  tokencostMs: median(samples[k].tool),
  ratio: median(samples[k].ratios),
}));

// Bad input must fail fast too: 20 MB of garbage on stdin (the worst case).
const garbage = Buffer.alloc(20 * 1024 * 1024, "x");
const garbageMs = median(
  Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, "estimate", "--model", "gemini-3.5-flash"], { input: garbage, stdio: ["pipe", "ignore", "ignore"] });
    if (r.status !== 2) throw new Error(`garbage run exited ${r.status}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }),
);

if (asJson) {
  console.log(JSON.stringify({ node: process.version, target: TARGET, results, garbageMs }, null, 2));
} else {
  console.log(`node ${process.version} · ${runs} paired runs per command · median of per-pair ratios\n`);
  const w = Math.max(...results.map((r) => r.command.length));
  console.log(`${"command".padEnd(w)}  node -e 0  tokencost   ratio`);
  for (const r of results) {
    console.log(`${r.command.padEnd(w)}  ${r.nodeMs.toFixed(1).padStart(6)} ms  ${r.tokencostMs.toFixed(1).padStart(6)} ms  ${r.ratio.toFixed(2).padStart(5)}×`);
  }
  console.log(`\n20 MB of garbage on stdin: rejected (exit 2) in ${garbageMs.toFixed(0)} ms`);
  console.log(`\ntarget ≤ ${TARGET}×:`);
  for (const r of results) console.log(`  ${r.command}: ${r.ratio <= TARGET ? "met" : "NOT met"}`);
}
