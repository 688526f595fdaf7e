/**
 * Fault injection per operation, set through the admin API: added latency, a share or a count
 * of error answers, 429 with Retry-After, dropped connections, and a deliberately
 * non-conforming 200 (for contract tests' negative controls). Rates draw on a seeded PRNG, so a
 * run with the same seed and requests injects the same faults.
 */
import { type Schema, type Violation, validateValue } from "@hss/client/spec";
import { createRandom, type Random } from "./random.js";

/** The faults of one operation. */
export interface FaultConfig {
  /** Added before answering, ms (0-60000). */
  latencyMs?: number;
  /** Share of requests (0-1) answered with `errorStatus`. */
  errorRate?: number;
  /** The next N requests are answered with `errorStatus` (then counted down). */
  failNext?: number;
  /** Status of injected errors (400-599), default 500. */
  errorStatus?: number;
  /** Share of requests (0-1) answered 429 with `Retry-After`. */
  throttleRate?: number;
  /** Seconds in `Retry-After` of injected 429s (0-3600), default 1. */
  retryAfter?: number;
  /** Share of requests (0-1) whose connection is dropped without an answer. */
  dropRate?: number;
  /** Answer 200 with a body that breaks the spec. */
  malformed?: boolean;
}

const rate: Schema = { type: "number", minimum: 0, maximum: 1 };
/** The admin API's schema of a fault, validated with the same validator as HSS requests. */
export const FAULT_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    latencyMs: { type: "integer", minimum: 0, maximum: 60_000 },
    errorRate: rate,
    failNext: { type: "integer", minimum: 0, maximum: 1_000_000 },
    errorStatus: { type: "integer", minimum: 400, maximum: 599 },
    throttleRate: rate,
    retryAfter: { type: "integer", minimum: 0, maximum: 3600 },
    dropRate: rate,
    malformed: { type: "boolean" },
  },
};

/** What to do with one request. */
export type FaultDecision =
  | { kind: "none" }
  | { kind: "drop" }
  | { kind: "error"; status: number }
  | { kind: "throttle"; retryAfter: number };

/** The faults of every operation. */
export class Faults {
  private readonly configs = new Map<string, FaultConfig>();
  private random: Random;

  constructor(private readonly seed: string) {
    this.random = createRandom(`${seed}/faults`);
  }

  /** Validates and sets an operation's faults; returns the violations instead when invalid. */
  set(operation: string, config: unknown): Violation[] {
    const violations = validateValue(FAULT_SCHEMA, config, "", "body").map((v) => ({
      ...v,
      field: v.field || "body",
    }));
    if (violations.length === 0) this.configs.set(operation, { ...(config as FaultConfig) });
    return violations;
  }

  /** Clears one operation's faults, or all. */
  clear(operation?: string): void {
    if (operation) this.configs.delete(operation);
    else {
      this.configs.clear();
      this.random = createRandom(`${this.seed}/faults`);
    }
  }

  /** Every operation's faults. */
  all(): Record<string, FaultConfig> {
    return Object.fromEntries(this.configs);
  }

  /** The faults of one operation, if any. */
  get(operation: string): FaultConfig | undefined {
    return this.configs.get(operation);
  }

  /** Decides the fault of one request (counts `failNext` down). */
  decide(operation: string): FaultDecision {
    const config = this.configs.get(operation);
    if (!config) return { kind: "none" };
    if (config.dropRate && this.random.next() < config.dropRate) return { kind: "drop" };
    if (config.failNext && config.failNext > 0) {
      config.failNext--;
      return { kind: "error", status: config.errorStatus ?? 500 };
    }
    if (config.throttleRate && this.random.next() < config.throttleRate)
      return { kind: "throttle", retryAfter: config.retryAfter ?? 1 };
    if (config.errorRate && this.random.next() < config.errorRate)
      return { kind: "error", status: config.errorStatus ?? 500 };
    return { kind: "none" };
  }
}

/**
 * A body that breaks a success response's schema in every way it can, for contract tests'
 * negative controls: integers and booleans as strings, enums with a value outside them, an
 * unknown field in closed objects; `{"unexpected":true}` where no body is documented.
 */
export function malformedBody(schema: Schema | null): string {
  return JSON.stringify(schema ? breakValue(schema) : { unexpected: true });
}

function breakValue(schema: Schema): unknown {
  if (schema.enum) return `not-${String(schema.enum[0])}`;
  switch (schema.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        out[name] = breakValue(property);
      if (schema.additionalProperties === false) out.unexpected_field = true;
      return out;
    }
    case "array":
      return schema.items ? [breakValue(schema.items)] : "not-an-array";
    case "integer":
    case "number":
      return "1";
    case "boolean":
      return "true";
    default:
      return 1;
  }
}
