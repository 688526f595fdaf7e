/**
 * The global flags. Those that carry an API value (`--region`, `--project-id`,
 * `--enterprise-project-id`, `--token`) take their schema, range and help from the spec's
 * components; the rest are the CLI's own options, described with the same schema vocabulary
 * and checked by the same validator.
 */
import type { FlagSpec } from "@hss/args";
import {
  ENDPOINT_RULE,
  endpointProblem,
  type ParameterSpec,
  type Schema,
  specComponents,
} from "@hss/client/spec";

export type { FlagSpec } from "@hss/args";

/** The output formats. */
export const OUTPUTS = ["json", "yaml", "table", "csv", "ndjson"] as const;
/** One output format. */
export type Output = (typeof OUTPUTS)[number];

/** The shared parameter of the spec's components with this name (project_id, region, ...). */
function component(name: string): ParameterSpec {
  const all = Object.values(specComponents.parameters as Record<string, ParameterSpec>).filter(
    (p) => p.name === name,
  );
  const found = all.find((p) => p.required) ?? all[0];
  if (!found) throw new Error(`the spec's components have no parameter ${name}`);
  return found;
}

const fromSpec = (flag: string, key: string, name: string, extra: string): FlagSpec => {
  const param = component(name);
  return { name: flag, key, schema: param.schema, help: `${param.description}${extra}` };
};

const TOKEN: Schema = specComponents.securitySchemes.token?.schema ?? { type: "string", minLength: 1 };
const bool = (name: string, key: string, help: string, short?: string): FlagSpec => ({
  name,
  key,
  boolean: true,
  schema: { type: "boolean" },
  help,
  ...(short && { short }),
});

/** Options every command takes; they may stand anywhere on the line. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "endpoint",
    key: "endpoint",
    schema: { type: "string", minLength: 1, maxLength: 2048 },
    parse: (text) => (endpointProblem(text) ? undefined : text),
    expects: ENDPOINT_RULE,
    placeholder: "url",
    help: "endpoint URL, overriding the region's (env HSS_ENDPOINT)",
  },
  fromSpec("region", "region", "region", " (env HSS_REGION)"),
  fromSpec("project-id", "projectId", "project_id", " (env HSS_PROJECT_ID, HUAWEICLOUD_SDK_PROJECT_ID)"),
  fromSpec("enterprise-project-id", "enterpriseProjectId", "enterprise_project_id", ""),
  {
    name: "profile",
    key: "profile",
    schema: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_.-]+$" },
    help: "named profile from `hss configure` (env HSS_PROFILE)",
  },
  {
    name: "token",
    key: "token",
    schema: TOKEN,
    secret: true,
    help: "IAM token (sent as X-Auth-Token); prefer env HSS_AUTH_TOKEN (a flag lands in shell history)",
  },
  {
    name: "output",
    key: "output",
    short: "o",
    schema: { type: "string", enum: OUTPUTS, default: "json" },
    help: "output format (env HSS_OUTPUT)",
  },
  {
    name: "query",
    key: "query",
    schema: { type: "string", minLength: 1, maxLength: 4096 },
    help: "JMESPath expression applied to the JSON result (checked before anything is sent)",
  },
  {
    name: "timeout",
    key: "timeout",
    schema: { type: "number", minimum: 0.1, maximum: 3600, default: 30 },
    help: "seconds per attempt, response body included",
  },
  {
    name: "retries",
    key: "retries",
    schema: { type: "integer", minimum: 0, maximum: 10, default: 2 },
    help: "retries after a failed attempt (idempotent requests only; a POST is never repeated)",
  },
  {
    name: "ca-bundle",
    key: "caBundle",
    schema: { type: "string", minLength: 1, maxLength: 4096 },
    help: "PEM file of the certificate authorities to trust instead of the default ones (env HSS_CA_BUNDLE)",
  },
  {
    name: "color",
    key: "color",
    schema: { type: "string", enum: ["auto", "always", "never"], default: "auto" },
    help: "colour: auto (on a terminal, unless NO_COLOR is set), always or never",
  },
  bool(
    "no-sign-request",
    "noSignRequest",
    "send requests unsigned, with no credentials (e.g. through a proxy that signs them)",
  ),
  bool("no-truncate", "noTruncate", "tables show whole values (by default they fit the terminal's width)"),
  bool("debug", "debug", "request and response details on stderr (secrets masked)"),
  bool("dry-run", "dryRun", "print the exact request (signature and token masked) and send nothing"),
  bool("mock", "mock", "run against an embedded HSS mock (no account, no credentials)"),
  bool("help", "help", "show help", "h"),
  bool("version", "version", "show the version"),
];
