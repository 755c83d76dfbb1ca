#!/usr/bin/env node
// Regenerates pricing/schema.json from the zod schema (run after `npm run build`).
import { writeFileSync } from "node:fs";
import { pricingJsonSchema } from "../dist/pricing/json-schema.js";

const url = new URL("../pricing/schema.json", import.meta.url);
writeFileSync(url, `${JSON.stringify(pricingJsonSchema(), null, 2)}\n`);
console.log("wrote pricing/schema.json");
