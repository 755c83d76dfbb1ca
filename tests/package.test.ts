import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.ts";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

describe("package", () => {
  it("reports the package.json version", () => expect(VERSION).toBe(pkg.version));

  it("runs on Node 20 with the dependency lines that support it", () => {
    expect(pkg.engines.node).toBe(">=20");
    expect(pkg.dependencies.commander).toMatch(/^\^14\./);
    expect(pkg.dependencies.chalk).toMatch(/^\^5\./);
    expect(pkg.dependencies.zod).toMatch(/^\^4\./);
    expect(pkg.devDependencies.vitest).toMatch(/^\^4\./);
  });

  it("the library is importable by its package name, with the engine in it", () => {
    const script = `
      import { loadRegistry, parseWorkload, estimate } from "tokencost";
      const w = parseWorkload({ input: 1000, output: 100 }, { label: "x", defaultName: "x" });
      const e = estimate(w, loadRegistry(), "gemini-3.5-flash", { at: "2026-11-27" });
      console.log(e.cost.total.toString());`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL("..", import.meta.url), encoding: "utf8" });
    expect(out.trim()).toBe("0.0024"); // 1,000 × 1.5 + 100 × 9 µ$
  });
});
