#!/usr/bin/env node
// The CLI is one CommonJS bundle (scripts/build.js): the fastest thing Node can start.
require("../dist/bin/cli.cjs");
