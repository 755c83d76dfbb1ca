// chalk behind a door of its own (dist/bin/colour.cjs): its colour detection loads node:tty,
// and with it net and stream, ~7 ms of a start. Only a table for a terminal (or FORCE_COLOR)
// needs it; a table piped, redirected or under NO_COLOR never loads it.
import { Chalk } from "chalk";
import type { Paint } from "../report/paint.ts";

export { supportsColor } from "chalk";

export function chalkPaint(level: 1 | 2 | 3): Paint {
  const c = new Chalk({ level });
  return { bold: c.bold, dim: c.dim, green: c.green, yellow: c.yellow, red: c.red, cyan: c.cyan };
}
