import { processIo } from "./commands/io.ts";
import { run } from "./main.ts";

// The only place that touches process exit state. (Output goes through file descriptors, see
// commands/io.ts: a reader that closes the pipe early ends the writing, not the verdict.)
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
