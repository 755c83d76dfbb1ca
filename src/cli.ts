import { processIo } from "./commands/io.ts";
import { run } from "./main.ts";

// The only place that touches process exit state.
process.exitCode = await run(process.argv.slice(2), processIo());
