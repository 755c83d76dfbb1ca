// Kept in step with package.json by tests/package.test.ts.
export const VERSION = "0.1.0";
