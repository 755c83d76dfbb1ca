import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { isoDay } from "../../src/dates.ts";
import { buildProgram } from "../../src/main.ts";
import { ROOT, tokencost } from "./spawn.ts";

// The README is part of the product: every command it shows must work as shown.

const readme = readFileSync(`${ROOT}README.md`, "utf8");
const blocks = (lang: string) => [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);
const BIN = `node ${ROOT}bin/tokencost.js`;

/** A scratch git repository holding the examples on `main`, as a user's project would. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "tokencost-readme-"));
  cpSync(`${ROOT}examples`, join(dir, "examples"), { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "examples");
  return dir;
}

const sh = (script: string, cwd: string, env: Record<string, string> = {}) =>
  spawnSync("bash", ["-c", script.replaceAll("npx tokencost", BIN)], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...env },
  });

describe("README", () => {
  it("shows the quickstart commands", () => {
    expect(blocks("sh")[0]).toMatch(/^npm install[^\n]*\nnpx tokencost estimate --model gemini-3\.5-flash\nnpm test\n$/);
  });

  it("pastes the quickstart output as it really is", () => {
    const pasted = /```text\n(coding-agent \(built-in preset\)[\s\S]*?)```/.exec(readme)![1]!;
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash"]);
    const actual = (r.stdout + r.stderr).replaceAll(isoDay(new Date()), "2026-11-27");
    expect(actual).toBe(pasted);
  });

  it("pastes the cost-per-task comparison as it really is", () => {
    const pasted = /```text\n(analyst-report [\s\S]*?)```/.exec(readme)![1]!;
    const command = /```sh\n(npx tokencost compare examples\/cost-per-task\.json [^\n]*--at 2026-11-28)\n```/.exec(readme)![1]!;
    const r = tokencost(command.replace("npx tokencost ", "").split(" "));
    expect(r.stdout).toBe(pasted);
  });

  const lines = blocks("sh")
    .slice(1)
    .flatMap((b) => b.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"));
  const repo = scratchRepo();

  it.each(lines)("%s", (line) => {
    const r = sh(line, repo);
    // check and diff exit 1 when a limit is passed: a valid run; 2 would be a wrong invocation.
    const allowed = /tokencost (check|diff)\b/.test(line) ? [0, 1] : [0];
    expect(allowed, `${line}\n${r.stderr}`).toContain(r.status);
    if (line.includes("tokencost")) expect(r.stdout.length).toBeGreaterThan(0);
  });
});

describe("README GitHub Actions workflow", () => {
  const yaml = blocks("yaml")[0]!;
  const workflow = parseYaml(yaml) as { jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const scripts = steps.map((s) => s.run).filter((r): r is string => typeof r === "string");
  const invocations = scripts
    .flatMap((s) => s.split("\n"))
    .map((l) => /npx tokencost (.*?)(?:\s*\|\|.*)?$/.exec(l.trim())?.[1])
    .filter((x): x is string => x !== undefined);

  it("checks out with history, sets up Node, installs, checks and diffs", () => {
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual(["actions/checkout@v4", "actions/setup-node@v4"]);
    expect(invocations.map((i) => i.split(" ")[0])).toEqual(["check", "diff"]);
    expect(yaml).toContain("fetch-depth: 0");
    expect(yaml).toContain('git show "origin/$GITHUB_BASE_REF:$f" > base.json');
  });

  it.each(invocations)("tokencost %s is a valid invocation", async (invocation) => {
    // Parse with the real program and its real option parsers, without running the command.
    const args = invocation.replaceAll('"', "").split(/\s+/);
    const stub = (cmd: Command) => {
      cmd.action(() => {});
      cmd.commands.forEach(stub);
    };
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdinPiped: false, readStdin: async () => "", env: {}, today: () => "2026-11-27", appendFile: () => {} };
    const program = buildProgram(io);
    program.commands.forEach(stub);
    // A bad flag, value or argument makes commander throw (the program is built with exitOverride).
    await expect(program.parseAsync(args, { from: "user" })).resolves.toBeDefined();
  });

  it("runs on a pull request that grows an agent: the budget passes, the diff fails, both land in the summary", () => {
    const repo = scratchRepo();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, stdio: "pipe" });
    cpSync(join(repo, "examples"), join(repo, "agents"), { recursive: true });
    git("add", ".");
    git("commit", "-qm", "agents");
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("checkout", "-qb", "longer-loop");
    const agent = JSON.parse(readFileSync(join(repo, "agents/coding-agent.json"), "utf8"));
    agent.agent.turns = 34; // +13% turns, more than +10% cost
    agent.budget.usdPerRun = 1.5;
    agent.budget.usdPerMonth = 20000;
    agent.budget.secondsPerRun = "10m";
    writeFileSync(join(repo, "agents/coding-agent.json"), JSON.stringify(agent, null, 2));
    git("commit", "-qam", "a longer loop");

    const summary = join(repo, "summary.md");
    const env = { GITHUB_BASE_REF: "main", GITHUB_STEP_SUMMARY: summary };
    const [check, diff] = scripts.filter((s) => s.includes("npx tokencost"));
    const checked = sh(check!, repo, env);
    expect(checked.status, checked.stderr).toBe(0);
    const diffed = sh(diff!, repo, env);
    expect(diffed.status, diffed.stderr).toBe(1);
    const text = readFileSync(summary, "utf8");
    expect(text).toContain("### ✅ tokencost check:");
    expect(text).toContain("### tokencost diff: ❌ 1 of 1 over threshold");
    expect(text).toContain("`base.json` → `agents/coding-agent.json`");
  });
});
