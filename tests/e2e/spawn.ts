import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Runs the built CLI the way a user does: `node bin/tokencost.js …` in the repository, with a
// clean, colourless environment unless the test says otherwise.

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = `${ROOT}bin/tokencost.js`;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tokencost(args: string[], opts: { input?: string; env?: Record<string, string | undefined>; cwd?: string } = {}): CliResult {
  if (!existsSync(`${ROOT}dist/bin/cli.cjs`)) throw new Error("dist/bin/cli.cjs is missing: run `npm run build` (npm test does it for you)");
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", COLUMNS: "200", TZ: "UTC", ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    // With no input, stdin is /dev/null: nothing piped, as at a terminal (an empty pipe is an
    // empty workload, an error).
    ...(opts.input === undefined ? { stdio: ["ignore", "pipe", "pipe"] as const } : { input: opts.input }),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bad-input run: exit 2, one clear message, nothing on stdout, no stack trace. */
export function expectInputError(r: CliResult): string {
  const problems: string[] = [];
  if (r.code !== 2) problems.push(`exit code ${r.code}, expected 2`);
  if (r.stdout !== "") problems.push(`stdout not empty: ${r.stdout.slice(0, 200)}`);
  if (/^\s+at /m.test(r.stderr)) problems.push("stderr has a stack trace");
  if (!r.stderr.startsWith("tokencost: ")) problems.push(`stderr does not start with "tokencost: ": ${r.stderr.slice(0, 200)}`);
  if (r.stderr.trim().split("\n").length > 3) problems.push(`stderr has more than 3 lines: ${r.stderr}`);
  if (problems.length) throw new Error(`${problems.join("; ")}\nstderr: ${r.stderr}`);
  return r.stderr.trim();
}

export const json = (r: CliResult) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

let scratch: string | undefined;
/** Writes a file (JSON unless given text) in a temporary folder and returns its path. */
export function tempFile(name: string, content: unknown): string {
  scratch ??= mkdtempSync(join(tmpdir(), "tokencost-e2e-"));
  const path = join(scratch, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}
