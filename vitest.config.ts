import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // End-to-end tests spawn the built CLI; the default 5 s is tight for a loaded CI machine.
    testTimeout: 30_000,
  },
});
