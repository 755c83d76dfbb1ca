// Names people type: one rule each, shared by the pricing schema, the workload schema and the flags.

/** Service tiers: lower-case words (batch, flex, priority, us-only). */
export const SERVICE_TIER_NAME = /^[a-z][a-z0-9-]*$/;
export const SERVICE_TIER_HINT = "a service tier name like batch, flex or priority";

/** Model ids and aliases: no spaces, no control characters. */
export const MODEL_NAME = /^[^\s\x00-\x1f\x7f]+$/;

/** Reasoning effort levels as providers name them, from none to most (SPEC §8). */
export const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORTS)[number];
export const isEffort = (v: unknown): v is Effort => typeof v === "string" && (EFFORTS as readonly string[]).includes(v);
