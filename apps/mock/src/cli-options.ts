/**
 * `hss-mock` flags: a table of flags with their schemas, and a pure function from argv and
 * environment to options or a usage error naming the flag and the allowed range.
 */
import { readFileSync } from "node:fs";
import { parseParameter, type Schema, validateValue } from "@hss/client";
import { AUTH_MODES, type MockCredentials } from "./auth.js";
import type { MockOptions } from "./server.js";

interface Flag {
  key: keyof MockOptions | "credentialsFile";
  schema: Schema;
  help: string;
}

/** Every flag, its schema and help. */
export const FLAGS: Record<string, Flag> = {
  host: {
    key: "host",
    schema: { type: "string", minLength: 1, maxLength: 255, default: "127.0.0.1" },
    help: "address to listen on",
  },
  port: {
    key: "port",
    schema: { type: "integer", minimum: 0, maximum: 65535, default: 4010 },
    help: "port; 0 picks a free one",
  },
  seed: {
    key: "seed",
    schema: { type: "string", minLength: 1, maxLength: 256, default: "hss-mock" },
    help: "seed of the generated data",
  },
  images: {
    key: "images",
    schema: { type: "integer", minimum: 0, maximum: 1_000_000, default: 1000 },
    help: "repository images to generate",
  },
  "local-images": {
    key: "localImages",
    schema: { type: "integer", minimum: 0, maximum: 100_000, default: 200 },
    help: "local images to generate",
  },
  auth: {
    key: "auth",
    schema: { type: "string", enum: AUTH_MODES, default: "none" },
    help: "none | token | aksk | any",
  },
  credentials: {
    key: "credentialsFile",
    schema: { type: "string", minLength: 1 },
    help: 'JSON file: {"aksk":[{"ak","sk","security_token"?}],"tokens":[...]}',
  },
  "scan-duration": {
    key: "scanDurationMs",
    schema: { type: "integer", minimum: 0, maximum: 3_600_000, default: 2000 },
    help: "ms a scan stays `scanning`",
  },
  "max-body": {
    key: "maxBodyBytes",
    schema: { type: "integer", minimum: 1024, maximum: 67_108_864, default: 1_048_576 },
    help: "largest request body, bytes",
  },
  journal: {
    key: "journalSize",
    schema: { type: "integer", minimum: 0, maximum: 100_000, default: 1000 },
    help: "requests kept in the journal",
  },
};

/** The usage text. */
export function usage(): string {
  const rows = Object.entries(FLAGS).map(([name, f]) => {
    const def = f.schema.default === undefined ? "" : ` (default ${f.schema.default})`;
    return `  --${name.padEnd(14)} ${f.help}${def}`;
  });
  return [
    "Usage: hss-mock [options]",
    "",
    "A stateful fake of Huawei Cloud HSS ListVulRepoImage and BatchScanLocalImage.",
    "",
    ...rows,
    "  --help           this text",
    "",
    "Credentials: HSS_MOCK_AK + HSS_MOCK_SK (+ HSS_MOCK_SECURITY_TOKEN), HSS_MOCK_TOKEN, or --credentials FILE.",
    "Admin API: GET /__mock/state, /__mock/journal, /__mock/vulnerabilities; POST /__mock/reset, /__mock/reseed;",
    "           PUT|DELETE /__mock/faults/{operationId}.",
  ].join("\n");
}

/** Parsed flags: options, or `help`, or a usage error. */
export type ParsedArgs =
  | { kind: "run"; options: MockOptions }
  | { kind: "help" }
  | { kind: "error"; message: string };

/** Turns argv (without node and script) and the environment into options. Pure but for reading --credentials. */
export function parseMockArgs(argv: readonly string[], env: Record<string, string | undefined>): ParsedArgs {
  const options: MockOptions & { credentialsFile?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const flag = m ? FLAGS[m[1] as string] : undefined;
    if (!m || !flag) return { kind: "error", message: `unknown option ${arg} (see --help)` };
    const text = m[2] ?? argv[++i];
    if (text === undefined) return { kind: "error", message: `--${m[1]} needs a value: ${describe(flag)}` };
    const parsed = parseParameter({ name: `--${m[1]}`, in: "query", schema: flag.schema }, text);
    const value = "value" in parsed ? parsed.value : undefined;
    const violations =
      "violation" in parsed ? [parsed.violation] : validateValue(flag.schema, value, `--${m[1]}`, "flag");
    if (violations.length)
      return {
        kind: "error",
        message: `${violations[0]?.field}: ${violations[0]?.message} (got ${JSON.stringify(text)})`,
      };
    (options as Record<string, unknown>)[flag.key] = value;
  }
  const credentials = loadCredentials(options.credentialsFile, env);
  if ("error" in credentials) return { kind: "error", message: credentials.error };
  const { credentialsFile: _file, ...rest } = options;
  const auth = rest.auth ?? "none";
  if ((auth === "token" || auth === "any") && credentials.tokens.length === 0 && auth === "token")
    return { kind: "error", message: "--auth token needs HSS_MOCK_TOKEN or tokens in --credentials" };
  if (auth === "aksk" && credentials.aksk.length === 0)
    return {
      kind: "error",
      message: "--auth aksk needs HSS_MOCK_AK and HSS_MOCK_SK, or aksk in --credentials",
    };
  if (auth === "any" && credentials.aksk.length === 0 && credentials.tokens.length === 0)
    return {
      kind: "error",
      message: "--auth any needs a token or an AK/SK pair (HSS_MOCK_* or --credentials)",
    };
  return { kind: "run", options: { ...rest, credentials } };
}

function describe(flag: Flag): string {
  const { schema } = flag;
  if (schema.enum) return `one of ${schema.enum.join(", ")}`;
  if (schema.type === "integer") return `an integer from ${schema.minimum} to ${schema.maximum}`;
  return "a string";
}

function loadCredentials(
  file: string | undefined,
  env: Record<string, string | undefined>,
): MockCredentials | { error: string } {
  const out: MockCredentials = { aksk: [], tokens: [] };
  if (env.HSS_MOCK_AK || env.HSS_MOCK_SK) {
    if (!env.HSS_MOCK_AK || !env.HSS_MOCK_SK)
      return { error: "HSS_MOCK_AK and HSS_MOCK_SK must be set together" };
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
    return {
      error: `--credentials: cannot read ${file} as JSON (${(error as NodeJS.ErrnoException).code ?? "invalid JSON"})`,
    };
  }
  const schema: Schema = {
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
  const violations = validateValue(schema, data, "", "file");
  if (violations.length)
    return { error: `--credentials ${file}: ${violations[0]?.field || "file"}: ${violations[0]?.message}` };
  const typed = data as { aksk?: { ak: string; sk: string; security_token?: string }[]; tokens?: string[] };
  for (const c of typed.aksk ?? []) out.aksk.push({ ak: c.ak, sk: c.sk, securityToken: c.security_token });
  out.tokens.push(...(typed.tokens ?? []));
  return out;
}
