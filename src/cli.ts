import { processIo } from "./commands/io.ts";
import { run } from "./main.ts";

// `tokencost … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

// The only place that touches process exit state.
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
