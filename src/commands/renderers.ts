// Every renderer but JSON, and colour, behind one door: the CLI bundle keeps this module in a
// file of its own (dist/bin/renderers.cjs, see scripts/build.js) — it sits with the commands because it picks the colours, loaded when a table, markdown
// or CSV is asked for, so that `--json` runs never parse cli-table3 or chalk.
import { Chalk } from "chalk";
import type { Paint } from "../report/paint.ts";

export { render } from "../report/render.ts";
export { renderModelCard, renderModelList } from "../report/models.ts";
export { renderPresets } from "../report/presets.ts";
export { checkMarkdown, renderCheck } from "../report/check.ts";
export { diffMarkdown, renderDiff } from "../report/diff.ts";
export { supportsColor } from "chalk";

export function chalkPaint(level: 1 | 2 | 3): Paint {
  const c = new Chalk({ level });
  return { bold: c.bold, dim: c.dim, green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan };
}
