/**
 * `hss-mock` flags: the option table of options.ts as flags, parsed strictly by `@hss/args`
 * (the parser of `hss` too), and a pure function from argv and environment to options or a
 * usage error naming the flag and the allowed range.
 */
import { readFileSync } from "node:fs";
import { type FlagSpec, parseFlags, UsageError } from "@hss/args";
import { type Schema, validateValue } from "@hss/client/spec";
import type { MockCredentials } from "./auth.js";
import { type MockOptions, OPTIONS } from "./options.js";

/** The flag of each option, by option key; the names are `hss-mock`'s. */
const NAMES: Record<keyof typeof OPTIONS, string> = {
  host: "host",
  port: "port",
  seed: "seed",
  images: "images",
  localImages: "local-images",
  auth: "auth",
  adminToken: "admin-token",
  scanDurationMs: "scan-duration",
  maxBodyBytes: "max-body",
  maxHeaderBytes: "max-header",
  journalSize: "journal",
  journalBytes: "journal-bytes",
};

/** Every flag, its schema and help. */
export const FLAGS: readonly FlagSpec[] = [
  ...(Object.entries(NAMES) as [keyof typeof OPTIONS, string][]).map(([key, name]) => ({
    name,
    key,
    schema: OPTIONS[key].schema as Schema,
    help: OPTIONS[key].help,
    ...(key === "adminToken" && { secret: true }),
  })),
  {
    name: "credentials",
    key: "credentialsFile",
    schema: { type: "string", minLength: 1 },
    help: 'JSON file: {"aksk":[{"ak","sk","security_token"?}],"tokens":[...]}',
  },
  { name: "help", key: "help", short: "h", boolean: true, schema: { type: "boolean" }, help: "this text" },
];

/** The usage text. */
export function usage(): string {
  const rows = FLAGS.map((f) => {
    const def = f.schema.default === undefined ? "" : ` (default ${f.schema.default})`;
    return `  --${f.name.padEnd(14)} ${f.help}${def}`;
  });
  return [
    "Usage: hss-mock [options]",
    "",
    "A stateful fake of the Huawei Cloud HSS operations of spec/hss.openapi.yaml.",
    "",
    ...rows,
    "",
    "Credentials: HSS_MOCK_AK + HSS_MOCK_SK (+ HSS_MOCK_SECURITY_TOKEN), HSS_MOCK_TOKEN, or --credentials FILE.",
    "Admin API: GET /__mock/state, /__mock/journal, /__mock/vulnerabilities; POST /__mock/reset, /__mock/reseed;",
    "           GET|PUT|DELETE /__mock/faults/{operationId}. With auth on or a non-loopback --host it takes",
    "           Authorization: Bearer <admin token> (--admin-token, HSS_MOCK_ADMIN_TOKEN, or a random one printed at start).",
  ].join("\n");
}

/** Parsed flags: options, or `help`, or a usage error. */
export type ParsedArgs =
  | { kind: "run"; options: MockOptions }
  | { kind: "help" }
  | { kind: "error"; message: string };

const CREDENTIALS_SCHEMA: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    aksk: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["ak", "sk"],
        properties: {
          ak: { type: "string", minLength: 1 },
          sk: { type: "string", minLength: 1 },
          security_token: { type: "string" },
        },
      },
    },
    tokens: { type: "array", items: { type: "string", minLength: 1 } },
  },
};

function loadCredentials(file: string | undefined, env: Record<string, string | undefined>): MockCredentials {
  const out: MockCredentials = { aksk: [], tokens: [] };
  if (env.HSS_MOCK_AK || env.HSS_MOCK_SK) {
    if (!env.HSS_MOCK_AK || !env.HSS_MOCK_SK)
      throw new UsageError("HSS_MOCK_AK and HSS_MOCK_SK must be set together");
    out.aksk.push({
      ak: env.HSS_MOCK_AK,
      sk: env.HSS_MOCK_SK,
      securityToken: env.HSS_MOCK_SECURITY_TOKEN || undefined,
    });
  }
  if (env.HSS_MOCK_TOKEN) out.tokens.push(env.HSS_MOCK_TOKEN);
  if (!file) return out;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? "invalid JSON";
    throw new UsageError(`--credentials: cannot read ${file} as JSON (${why})`);
  }
  const violations = validateValue(CREDENTIALS_SCHEMA, data, "", "file");
  if (violations.length)
    throw new UsageError(
      `--credentials ${file}: ${violations[0]?.field || "file"}: ${violations[0]?.message}`,
    );
  const typed = data as { aksk?: { ak: string; sk: string; security_token?: string }[]; tokens?: string[] };
  for (const c of typed.aksk ?? []) out.aksk.push({ ak: c.ak, sk: c.sk, securityToken: c.security_token });
  out.tokens.push(...(typed.tokens ?? []));
  return out;
}

/** What each auth mode needs. */
function checkAuth(auth: string, credentials: MockCredentials): void {
  if (auth === "token" && credentials.tokens.length === 0)
    throw new UsageError("--auth token needs HSS_MOCK_TOKEN or tokens in --credentials");
  if (auth === "aksk" && credentials.aksk.length === 0)
    throw new UsageError("--auth aksk needs HSS_MOCK_AK and HSS_MOCK_SK, or aksk in --credentials");
  if (auth === "any" && credentials.aksk.length === 0 && credentials.tokens.length === 0)
    throw new UsageError("--auth any needs a token or an AK/SK pair (HSS_MOCK_* or --credentials)");
}

/** Turns argv (without node and script) and the environment into options. Pure but for reading --credentials. */
export function parseMockArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedArgs {
  try {
    const { values } = parseFlags(argv, FLAGS, { command: "hss-mock", help: "hss-mock --help" });
    if (values.help) return { kind: "help" };
    const {
      credentialsFile,
      help: _help,
      ...options
    } = values as MockOptions & { credentialsFile?: string; help?: boolean };
    const credentials = loadCredentials(credentialsFile, env);
    checkAuth(options.auth ?? "none", credentials);
    const adminToken = options.adminToken ?? (env.HSS_MOCK_ADMIN_TOKEN || undefined);
    if (adminToken !== undefined) {
      const violations = validateValue(OPTIONS.adminToken.schema, adminToken, "--admin-token", "flag");
      if (violations.length)
        throw new UsageError(`--admin-token: ${violations[0]?.message} (the value is not shown)`);
    }
    return { kind: "run", options: { ...options, credentials, ...(adminToken && { adminToken }) } };
  } catch (error) {
    if (error instanceof UsageError) return { kind: "error", message: error.message };
    throw error;
  }
}
