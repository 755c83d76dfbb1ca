import { processIo } from "./commands/io.ts";
import { run } from "./main.ts";

// `tokencost … | head` closes the pipe early: that is the reader's choice, not an error, and it
// must not change the verdict — a failed check still exits 1.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
  });
}

// The only place that touches process exit state.
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
