import { processIo } from "./commands/io.ts";
import { run } from "./main.ts";

// chalk reads FORCE_COLOR when it loads and throws on values it does not expect ("-1"). tokencost
// reads it itself (commands/context.ts colorLevel); chalk gets only values it accepts.
const force = process.env.FORCE_COLOR;
if (force !== undefined && !/^(|true|false|[0-3])$/.test(force)) {
  const n = Number.parseInt(force, 10);
  process.env.FORCE_COLOR = Number.isNaN(n) ? "1" : String(Math.max(0, Math.min(3, n)));
}

// The only place that touches process exit state. (Output goes through file descriptors, see
// commands/io.ts: a reader that closes the pipe early ends the writing, not the verdict.)
// Every write is synchronous, so once run() settles nothing is left to flush: exiting then
// spares the wait Node makes at a natural exit for V8's pending work — optimising compilations
// of functions that will never run again and a young-generation collection posted as a task,
// 2–20 ms of a run on this machine (scripts/bench.js).
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exit(code);
});
