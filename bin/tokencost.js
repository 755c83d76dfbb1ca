#!/usr/bin/env node
// The CLI is CommonJS bundles (scripts/build.js), started with the code caches the build made.
require("./load-bundle.cjs");
