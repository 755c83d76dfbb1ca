import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isoDay } from "../../src/dates.ts";
import { ROOT, tokencost } from "./spawn.ts";

// The README is part of the product: every command it shows must work as shown.

const readme = readFileSync(`${ROOT}README.md`, "utf8");
const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const commands = shellBlocks
  .flatMap((b) => b.split("\n"))
  .map((l) => l.replace(/\s+#.*$/, "").trim())
  .filter((l) => l.includes("npx tokencost"));

describe("README", () => {
  it("shows the quickstart commands", () => {
    expect(commands).toContain("npx tokencost estimate --model gemini-3.5-flash");
    expect(readme).toMatch(/```sh\nnpm install[^\n]*\nnpx tokencost estimate --model gemini-3\.5-flash\nnpm test\n```/);
  });

  it.each(commands)("%s", (line) => {
    const piped = /^cat (\S+) \| npx tokencost (.*)$/.exec(line);
    const args = (piped ? piped[2]! : line.replace(/^npx tokencost /, "")).split(/\s+/);
    const r = tokencost(args, piped ? { input: readFileSync(`${ROOT}${piped[1]}`, "utf8") } : {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it("pastes the quickstart output as it really is", () => {
    const pasted = /```text\n(coding-agent \(built-in preset\)[\s\S]*?)```/.exec(readme)![1]!;
    const r = tokencost(["estimate", "--model", "gemini-3.5-flash"]);
    const today = isoDay(new Date());
    const actual = (r.stdout + r.stderr).replaceAll(today, "2026-11-27");
    expect(actual).toBe(pasted);
  });
});
