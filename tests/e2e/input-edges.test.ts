import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectInputError, ROOT, tempFile, type CliResult } from "./spawn.ts";

// Inputs that used to hang or mislead: named pipes and sockets where a file is expected, an empty
// pipe on stdin, duplicate JSON keys, and model names megabytes long. A hang must fail the test,
// not stall the suite, so these runs go through a spawn with a timeout.

const AT = ["--at", "2026-11-28"];
const M = ["--model", "gemini-3.5-flash"];
const TIMEOUT_MS = 20_000;

/** tokencost, killed after TIMEOUT_MS: a run that had to be killed fails its test here. */
function bounded(args: string[], opts: { input?: string; env?: Record<string, string>; shell?: boolean } = {}): CliResult {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", COLUMNS: "200", TZ: "UTC", ...opts.env };
  const r = opts.shell
    ? spawnSync("bash", ["-c", args.join(" ")], { cwd: ROOT, env, encoding: "utf8", timeout: TIMEOUT_MS, stdio: ["ignore", "pipe", "pipe"] })
    : spawnSync(process.execPath, [`${ROOT}bin/tokencost.js`, ...args], {
        cwd: ROOT,
        env,
        encoding: "utf8",
        timeout: TIMEOUT_MS,
        ...(opts.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] as const } : { input: opts.input }),
      });
  if (r.error || r.signal) throw new Error(`tokencost ${args.join(" ")} did not finish in ${TIMEOUT_MS} ms (${r.error?.message ?? r.signal})`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), "tokencost-edges-"));
const fifo = (name: string) => {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
};
// 1,000 × $1.50/M + 100 × $9/M = $0.0015 + $0.0009 = $0.0024 a run on Gemini 3.5 Flash.
const CALL = { model: "gemini-3.5-flash", input: 1000, output: 100 };

describe("named pipes and other non-files never hang", () => {
  it("a named pipe with no writer, as a workload file", () => {
    const p = fifo("w.json");
    expect(expectInputError(bounded(["estimate", p, ...M, ...AT]))).toBe(`tokencost: ${p}: cannot read workload: a named pipe with no writer`);
  });

  it("as --pricing and as TOKENCOST_PRICING", () => {
    const p = fifo("pricing.json");
    expect(expectInputError(bounded(["estimate", ...M, "--input", "1", "--pricing", p, ...AT]))).toBe(
      `tokencost: ${p}: cannot read pricing file: a named pipe with no writer`,
    );
    expect(expectInputError(bounded(["models", ...AT], { env: { TOKENCOST_PRICING: p } }))).toBe(
      `tokencost: TOKENCOST_PRICING: ${p}: cannot read pricing file: a named pipe with no writer`,
    );
  });

  it("inside a directory given to check", () => {
    const d = join(dir, "workloads");
    mkdirSync(d);
    writeFileSync(join(d, "a.json"), JSON.stringify(CALL));
    execFileSync("mkfifo", [join(d, "b.json")]);
    expect(expectInputError(bounded(["check", d, "--budget", "1", ...AT]))).toBe(
      `tokencost: ${join(d, "b.json")}: cannot read workload: a named pipe with no writer`,
    );
  });

  it("a socket as a workload file", async () => {
    const path = join(dir, "sock.json");
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(expectInputError(bounded(["estimate", path, ...M, ...AT]))).toBe(
        `tokencost: ${path}: cannot read workload: not a regular file (a socket or a device)`,
      );
    } finally {
      server.close();
    }
  });

  it("a pipe that has a writer is read to its end: process substitution still works", () => {
    // The same call as CALL: $0.0024 a run.
    const r = bounded([`node bin/tokencost.js estimate <(echo '${JSON.stringify(CALL)}') --json ${AT.join(" ")}`], { shell: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].cost.total).toBe(0.0024);
  });

  // The verdict (exit 1: $0.0024 > $0.001) is printed before the summary is appended; a summary
  // file that is a pipe with no reader, or a device, is skipped with a warning, and the verdict stands.
  it.each([
    ["a named pipe", () => fifo("summary.md")],
    ["a device", () => "/dev/null"],
  ])("GITHUB_STEP_SUMMARY as %s is skipped with a warning", (_, summary) => {
    const path = summary();
    const r = bounded(["check", tempFile("edge-call.json", CALL), "--budget", "0.001", ...AT], { env: { GITHUB_STEP_SUMMARY: path } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 failed");
    expect(r.stderr.split("\n")).toContain(`warning: cannot append to GITHUB_STEP_SUMMARY (${path}): not a regular file`);
  });

  it("a regular GITHUB_STEP_SUMMARY is still appended to", () => {
    const path = tempFile("edge-summary.md", "earlier\n");
    expect(bounded(["check", tempFile("edge-call.json", CALL), "--budget", "0.001", ...AT], { env: { GITHUB_STEP_SUMMARY: path } }).code).toBe(1);
    expect(readFileSync(path, "utf8")).toMatch(/^earlier\n.*tokencost check: 1 check, 1 failed/s);
  });
});

describe("an empty pipe on stdin is an empty workload", () => {
  const EMPTY = "tokencost: empty workload on stdin (with no file, --preset or token flags, piped stdin is the workload)";

  it.each([
    ["estimate", ["estimate", ...M]],
    ["compare", ["compare", "--models", "gemini-3.5-flash"]],
    ["check with no file", ["check", ...M, "--budget", "1"]],
  ])("%s, whether the pipe is empty or carries only whitespace", (_, args) => {
    for (const input of ["", " \n\t\r\n"]) expect(expectInputError(bounded([...args, ...AT], { input }))).toBe(EMPTY);
  });

  it("an empty file on stdin (`< empty.json`) too", () => {
    const r = bounded([`node bin/tokencost.js estimate ${M.join(" ")} ${AT.join(" ")} < ${tempFile("edge-empty.json", "")}`], { shell: true });
    expect(expectInputError(r)).toBe(EMPTY);
  });

  it("nothing piped (stdin is /dev/null, as in CI, or a terminal) still means the preset, said aloud", () => {
    const r = bounded(["estimate", ...M, "--json", ...AT]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).workload).toMatchObject({ name: "coding-agent", source: "preset" });
    expect(r.stderr).toContain("no workload given: using the built-in coding-agent preset");
  });

  it("a pipe that names the workload another way is not read", () => {
    expect(bounded(["estimate", ...M, "--input", "1000", "--output", "100", "--json", ...AT], { input: "" }).code).toBe(0);
  });
});

describe("duplicate JSON keys are refused, with their path", () => {
  it.each<[string, string, string]>([
    // JSON.parse would keep 0 and price the call at nothing.
    ["a top-level key", '{"input": 5000, "input": 0}', 'input: duplicate key "input"'],
    ["a key deep in steps", '{"steps": [{"input": 1}, {"repeat": 2, "steps": [{"output": 1, "output": 2}]}]}', 'steps[1].steps[0].output: duplicate key "output"'],
    ["a key spelt with an escape", '{"input": 1, "\\u0069nput": 2}', 'input: duplicate key "input"'],
  ])("%s", (_, text, message) => {
    const path = tempFile("edge-dup.json", text);
    expect(expectInputError(bounded(["estimate", path, ...M, ...AT]))).toBe(`tokencost: ${path}: ${message} (JSON would keep only the last)`);
    expect(expectInputError(bounded(["estimate", ...M, ...AT], { input: text }))).toBe(`tokencost: stdin: ${message} (JSON would keep only the last)`);
  });

  it("in a pricing file", () => {
    const path = tempFile("edge-dup-pricing.json", '{"provider": "acme", "provider": "acme"}');
    expect(expectInputError(bounded(["models", "--pricing", path, ...AT]))).toBe(
      `tokencost: ${path}: provider: duplicate key "provider" (JSON would keep only the last)`,
    );
  });

  it("the same key in two objects is no duplicate", () => {
    const path = tempFile("edge-nodup.json", { steps: [{ input: 1000, output: 100 }, { input: 1000, output: 100 }] });
    // Two CALLs: 2 × $0.0024.
    expect(JSON.parse(bounded(["estimate", path, ...M, "--json", ...AT]).stdout).results[0].cost.total).toBe(0.0048);
  });
});

describe("suggestions for unknown names", () => {
  it("a short name suggests the ids that contain it first", () => {
    // The four bundled claude-sonnet ids contain "sonnet"; claude-sonnet-5 is the shortest, then
    // the 17-character ones in text order: -4-5, -4-6 (then -5-5, cut by the limit of three).
    expect(expectInputError(bounded(["estimate", "--model", "sonnet", "--input", "1", ...AT]))).toBe(
      'tokencost: unknown model "sonnet" — did you mean claude-sonnet-5, claude-sonnet-4-5, claude-sonnet-4-6? (`tokencost models` lists every model)',
    );
  });

  let big: string;
  beforeAll(() => {
    big = tempFile("edge-long-name.json", { model: `claude-sonnet-${"x".repeat(8_000_000 - 100)}`, input: 1 });
  });

  it("a name megabytes long ends in one short line, suggested by its start", () => {
    // Past 256 characters a name is matched by the start it shares with an id: "claude-sonnet-"
    // with all four sonnets, so the shortest, then text order, as above.
    const msg = expectInputError(bounded(["estimate", big, ...AT]));
    expect(msg).toMatch(/^tokencost: .*edge-long-name\.json: model: unknown model "claude-sonnet-x{45}…" — did you mean claude-sonnet-5, claude-sonnet-4-5, claude-sonnet-4-6\?/);
    expect(msg.length).toBeLessThan(400);
  });

  it("an unknown key megabytes long is no typo: listed keys, one short line", () => {
    const path = tempFile("edge-long-key.json", `{"inptu${"y".repeat(1_000_000)}": 1, "input": 1}`);
    const msg = expectInputError(bounded(["estimate", path, ...M, ...AT]));
    expect(msg).toContain('unknown key "inptuyyy');
    expect(msg).not.toContain("did you mean");
    expect(msg.length).toBeLessThan(500);
  });
});
