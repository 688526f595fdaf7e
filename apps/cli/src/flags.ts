/**
 * Flags. The operations' flags are derived from the spec's operation table (names, types,
 * ranges, enums, defaults and help), so nothing about an endpoint is typed here; the rest are
 * the CLI's own options, described with the same schema vocabulary and validated by the same
 * validator.
 */
import {
  type OperationSpec,
  operations,
  type ParameterSpec,
  parameterSchema,
  type Schema,
} from "@hss/client";

/** One flag. */
export interface FlagSpec {
  /** `--name` on the command line (kebab-case). */
  name: string;
  /** Where the value goes: the spec's field name, or an option key. */
  key: string;
  schema: Schema;
  help: string;
  /** Takes no value (`--all`); `--flag=false` turns it off. */
  boolean?: boolean;
  /** May be given several times; the values are collected in order. */
  repeatable?: boolean;
  /** A time: an ISO date or a duration ago (`7d`), turned into epoch ms. */
  time?: boolean;
  /** Where it comes from in the spec (`query`, `body`), for help. */
  from?: string;
}

const kebab = (name: string) => name.replace(/_/g, "-");

/** The flag of one spec parameter or body property. */
export function specFlag(name: string, schema: Schema, from: string, help?: string): FlagSpec {
  return {
    name: kebab(name),
    key: name,
    schema,
    help: help ?? schema.description ?? "",
    from,
    ...(schema.type === "boolean" && { boolean: true }),
  };
}

/** Flags of an operation's query parameters (all but those given as global options). */
export function queryFlags(op: OperationSpec, except: string[]): FlagSpec[] {
  return op.parameters
    .filter((p: ParameterSpec) => p.in === "query" && !except.includes(p.name))
    .map((p) => specFlag(p.name, p.schema, "query", p.description));
}

/** Flags of an operation's scalar body properties. */
export function bodyFlags(op: OperationSpec): FlagSpec[] {
  const properties = op.requestBody?.schema.properties ?? {};
  return Object.entries(properties)
    .filter(([, schema]) => schema.type !== "array" && schema.type !== "object")
    .map(([name, schema]) => specFlag(name, schema, "body"));
}

/** The output formats. */
export const OUTPUTS = ["json", "yaml", "table", "csv", "ndjson"] as const;
/** One output format. */
export type Output = (typeof OUTPUTS)[number];

const EP = parameterSchema(operations.ListVulRepoImage, "enterprise_project_id");
const EP_HELP =
  operations.ListVulRepoImage.parameters.find((p) => p.name === "enterprise_project_id")?.description ?? "";

/** Options every command takes; they may stand anywhere on the line. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  {
    name: "endpoint",
    key: "endpoint",
    schema: { type: "string", minLength: 1, maxLength: 2048 },
    help: "endpoint URL, overriding the region's (env HSS_ENDPOINT)",
  },
  {
    name: "region",
    key: "region",
    schema: { type: "string", minLength: 1, maxLength: 128 },
    help: "region id, e.g. cn-north-4 (env HSS_REGION)",
  },
  {
    name: "project-id",
    key: "projectId",
    schema: { type: "string", minLength: 1, maxLength: 256 },
    help: "IAM project id (env HSS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)",
  },
  { name: "enterprise-project-id", key: "enterprise_project_id", schema: EP, help: EP_HELP, from: "query" },
  {
    name: "profile",
    key: "profile",
    schema: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_.-]+$" },
    help: "named profile from `hss configure` (env HSS_PROFILE)",
  },
  {
    name: "token",
    key: "token",
    schema: { type: "string", minLength: 1, maxLength: 32768 },
    help: "IAM token (sent as X-Auth-Token); prefer env HSS_AUTH_TOKEN",
  },
  {
    name: "output",
    key: "output",
    schema: { type: "string", enum: OUTPUTS, default: "json" },
    help: "output format (env HSS_OUTPUT)",
  },
  {
    name: "query",
    key: "query",
    schema: { type: "string", minLength: 1, maxLength: 4096 },
    help: "JMESPath expression applied to the JSON result",
  },
  {
    name: "timeout",
    key: "timeout",
    schema: { type: "number", minimum: 0.1, maximum: 3600, default: 30 },
    help: "seconds per attempt",
  },
  {
    name: "retries",
    key: "retries",
    schema: { type: "integer", minimum: 0, maximum: 10, default: 2 },
    help: "retries after a failed attempt (GET only; the batch scan is never repeated)",
  },
  {
    name: "debug",
    key: "debug",
    boolean: true,
    schema: { type: "boolean" },
    help: "request and response details on stderr (secrets masked)",
  },
  {
    name: "dry-run",
    key: "dryRun",
    boolean: true,
    schema: { type: "boolean" },
    help: "print the exact request (signature and token masked) and send nothing",
  },
  {
    name: "mock",
    key: "mock",
    boolean: true,
    schema: { type: "boolean" },
    help: "run against an embedded HSS mock (no credentials needed)",
  },
  { name: "help", key: "help", boolean: true, schema: { type: "boolean" }, help: "show help" },
  { name: "version", key: "version", boolean: true, schema: { type: "boolean" }, help: "show the version" },
];
