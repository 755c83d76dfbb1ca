// Every failure a user can cause is a TokencostError: a stable code (what tests assert), one
// line of message naming what and where, and an optional hint. The CLI maps codes to exit codes
// in one place (src/main.ts); anything else that escapes is a bug and keeps its stack.

export type ErrorCode =
  | "USAGE" // a bad flag, argument or combination
  | "FILE" // a file or stdin that cannot be read
  | "JSON" // text that is not JSON
  | "WORKLOAD" // a workload that breaks the schema
  | "PRICING" // a pricing file that breaks the schema
  | "UNKNOWN_MODEL"
  | "NO_MODEL" // nothing says which model to price
  | "SERVICE_TIER" // a service tier the model does not have
  | "RETIRED" // a retired model named without --allow-retired
  | "CONTEXT" // the workload does not fit the model's limits
  | "NO_LIMIT"; // a check with nothing to check against

export class TokencostError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "TokencostError";
    this.code = code;
    this.hint = hint;
  }
}

/**
 * By name and code rather than instanceof: the CLI's validators live in a bundle of their own,
 * with their own copy of this class.
 */
export const isTokencostError = (e: unknown): e is TokencostError =>
  e instanceof Error && e.name === "TokencostError" && typeof (e as TokencostError).code === "string";
