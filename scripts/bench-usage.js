#!/usr/bin/env node
// `npm run bench` (usage part): `tokencost usage` over a generated 1,000,000-record log in mixed
// formats, next to the ceiling on the same file (read in the same chunks, JSON.parse every line,
// sum one field). Target (issue 9): ≥ 800,000 records/s and < 150 MiB peak RSS on one core.
//   node scripts/bench-usage.js [--records N] [--json]
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const records = Number(args[args.indexOf("--records") + 1] ?? 0) || 1_000_000;
const asJson = args.includes("--json");
const bin = fileURLToPath(new URL("../bin/tokencost.js", import.meta.url));
const file = join(tmpdir(), `tokencost-bench-usage-${records}.jsonl`);

// Real shapes (usage-formats.md), ids unique, counts varied; one line each.
const T0 = Date.parse("2026-11-01T00:00:00Z");
const LINES = [
  (i) => `{"id":"chatcmpl-${i}","object":"chat.completion","created":${Math.floor(T0 / 1000) + (i % 2_000_000)},"model":"gpt-5.5-2026-04-23","service_tier":"default","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":${4000 + (i % 997)},"completion_tokens":${300 + (i % 101)},"total_tokens":${4300 + (i % 997) + (i % 101)},"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":${2048 + (i % 512)}},"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":${i % 200},"rejected_prediction_tokens":0}}}`,
  (i) => `{"id":"msg_${i}","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[{"type":"text","text":"done"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":${3 + (i % 50)},"cache_creation_input_tokens":${i % 1500},"cache_read_input_tokens":${9000 + (i % 3000)},"cache_creation":{"ephemeral_5m_input_tokens":${i % 1500},"ephemeral_1h_input_tokens":0},"output_tokens":${100 + (i % 400)},"service_tier":"standard"}}`,
  (i) => `{"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},"finishReason":"STOP","index":0}],"modelVersion":"gemini-3.5-flash","responseId":"r${i}","usageMetadata":{"promptTokenCount":${1500 + (i % 700)},"cachedContentTokenCount":${i % 500},"candidatesTokenCount":${200 + (i % 90)},"thoughtsTokenCount":${i % 800},"totalTokenCount":${1700 + (i % 700) + (i % 90) + (i % 800)}}}`,
  (i) => `{"parentUuid":"p${i}","isSidechain":false,"userType":"external","cwd":"/work/project","sessionId":"s${Math.floor(i / 40)}","version":"2.1.73","gitBranch":"main","message":{"model":"claude-opus-4-6","id":"msg_cc${i}","type":"message","role":"assistant","content":[{"type":"text","text":"Reading the file now."}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":${i % 900},"cache_read_input_tokens":${20000 + (i % 9000)},"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":${i % 900}},"output_tokens":${50 + (i % 300)},"service_tier":"standard"}},"requestId":"req_${i}","type":"assistant","uuid":"u${i}","timestamp":"${new Date(T0 + i * 1000).toISOString()}"}`,
  (i) => `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"agent"}}]},"scopeSpans":[{"scope":{"name":"otel.openai"},"spans":[{"traceId":"${(i + 1).toString(16).padStart(32, "0")}","spanId":"${(i + 7).toString(16).padStart(16, "0")}","name":"chat gpt-5.5","kind":3,"startTimeUnixNano":"${BigInt(T0 + i * 1000) * 1000000n}","endTimeUnixNano":"${BigInt(T0 + i * 1000 + 3000) * 1000000n}","attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},{"key":"gen_ai.provider.name","value":{"stringValue":"openai"}},{"key":"gen_ai.response.model","value":{"stringValue":"gpt-5.5"}},{"key":"gen_ai.usage.input_tokens","value":{"intValue":"${3000 + (i % 1000)}"}},{"key":"gen_ai.usage.output_tokens","value":{"intValue":"${500 + (i % 100)}"}},{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"${i % 2000}"}}]}]}]}]}`,
  (i) => `{"model":"gemini-3.5-flash","input":${1000 + (i % 100)},"cachedInput":${i % 50},"output":${100 + (i % 10)},"reasoning":${i % 30},"timestamp":"${new Date(T0 + i * 1000).toISOString()}"}`,
];

function generate() {
  if (existsSync(file) && statSync(file).size > 0) return;
  const fd = openSync(file, "w");
  let batch = [];
  for (let i = 0; i < records; i++) {
    batch.push(LINES[i % LINES.length](i));
    if (batch.length === 10_000) {
      writeSync(fd, `${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length) writeSync(fd, `${batch.join("\n")}\n`);
  closeSync(fd);
}

// The ceiling, in a child process like tokencost: the same 1 MiB reads, lines split on their
// bytes and each decoded alone (the fastest plain way found: decoding a whole chunk and slicing
// it is ~1.7x slower), JSON.parse of every line, a sum.
const CEILING = `
const { openSync, readSync } = require("node:fs");
const fd = openSync(process.argv[1], "r"); const buf = Buffer.allocUnsafe(1 << 20);
let n = 0, sum = 0, carry = null;
for (;;) { const k = readSync(fd, buf, 0, buf.length, null); if (k === 0) break;
  let s = 0;
  for (;;) { const nl = buf.indexOf(10, s); if (nl === -1 || nl >= k) break;
    const text = carry ? Buffer.concat([carry, buf.subarray(0, nl)]).toString("utf8") : buf.toString("utf8", s, nl); carry = null;
    const o = JSON.parse(text); n++; sum += o.usage ? 1 : 0; s = nl + 1; }
  carry = s < k ? Buffer.from(buf.subarray(s, k)) : null; }
process.stdout.write(String(n));`;

const RSS = join(tmpdir(), "tokencost-bench-rss.cjs");
writeFileSync(RSS, `process.on("exit", () => require("fs").writeSync(2, "\\nMAXRSS " + process.resourceUsage().maxRSS + "\\n"));`);

function timed(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", RSS, ...argv], { encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const rssKiB = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { ms, rssMiB: rssKiB / 1024, stdout: r.stdout };
}

generate();
const size = statSync(file).size;
const ceiling = timed(["-e", CEILING, file]);
const runs = [1, 2, 3].map(() => timed([bin, "usage", file, "--json", "--at", "2026-11-28"]));
const best = runs.sort((a, b) => a.ms - b.ms)[0];
const report = JSON.parse(best.stdout);
if (report.records !== records) throw new Error(`tokencost counted ${report.records} records, not ${records}`);
const result = {
  records,
  fileMiB: size / 1048576,
  ceiling: { ms: ceiling.ms, recordsPerSecond: records / (ceiling.ms / 1000), rssMiB: ceiling.rssMiB },
  usage: { ms: best.ms, recordsPerSecond: records / (best.ms / 1000), rssMiB: Math.max(...runs.map((r) => r.rssMiB)) },
  target: { recordsPerSecond: 800_000, rssMiB: 150 },
};
if (asJson) console.log(JSON.stringify(result, null, 2));
else {
  const f = (n) => Math.round(n).toLocaleString("en-US");
  console.log(`\ntokencost usage over ${f(records)} records in mixed formats (${result.fileMiB.toFixed(0)} MiB, ${file})`);
  console.log(`  ceiling (JSON.parse every line, a sum): ${f(result.ceiling.recordsPerSecond)} records/s, ${result.ceiling.ms.toFixed(0)} ms, ${result.ceiling.rssMiB.toFixed(0)} MiB peak RSS`);
  console.log(`  tokencost usage --json:                 ${f(result.usage.recordsPerSecond)} records/s, ${result.usage.ms.toFixed(0)} ms, ${result.usage.rssMiB.toFixed(0)} MiB peak RSS (best of 3)`);
  const ok = (b) => (b ? "met" : "NOT met");
  console.log(`  target ≥ 800,000 records/s: ${ok(result.usage.recordsPerSecond >= 800_000)} · < 150 MiB: ${ok(result.usage.rssMiB < 150)}`);
}
