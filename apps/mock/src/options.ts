/**
 * The mock's options: their schemas (ranges, defaults, help) in one table that `hss-mock`'s
 * flags, the admin API's reseed and `resolveMockOptions` all read, validated by the spec's own
 * validator.
 */
import type { Schema } from "@hss/client/spec";
import { AUTH_MODES, type AuthMode, type MockCredentials } from "./auth.js";

/** Options of the mock. */
export interface MockOptions {
  host?: string;
  port?: number;
  /** Seed of the generated data (and of request ids and fault draws). Default "hss-mock". */
  seed?: string | number;
  /** Repository images to generate. Default 1000. */
  images?: number;
  /** Local images to generate. Default 200. */
  localImages?: number;
  /** Default `none`: no credentials needed. */
  auth?: AuthMode;
  credentials?: MockCredentials;
  /** Token the admin API (`/__mock/*`) requires; see `adminTokenRequired`. */
  adminToken?: string;
  /** How long a scan stays `scanning`, ms. Default 2000. */
  scanDurationMs?: number;
  /** Largest accepted body, bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Largest accepted request line and headers, bytes. Default 64 KiB. */
  maxHeaderBytes?: number;
  /** Requests kept in the journal. Default 1000. */
  journalSize?: number;
  /** Bytes the journal may hold in all. Default 4 MiB. */
  journalBytes?: number;
  /** The clock (tests). Default Date.now. */
  now?: () => number;
}

/** The options with every default filled. */
export type ResolvedMockOptions = Required<Omit<MockOptions, "host" | "port" | "seed" | "adminToken">> & {
  seed: string;
  adminToken: string | undefined;
};

/** One option: its schema (with range and default) and help. */
interface OptionSpec {
  schema: Schema;
  help: string;
}

/** Every option that has a value of its own, by option name. */
export const OPTIONS = {
  host: {
    schema: { type: "string", minLength: 1, maxLength: 255, default: "127.0.0.1" },
    help: "address to listen on",
  },
  port: {
    schema: { type: "integer", minimum: 0, maximum: 65535, default: 4010 },
    help: "port; 0 picks a free one",
  },
  seed: {
    schema: { type: "string", minLength: 1, maxLength: 256, default: "hss-mock" },
    help: "seed of the generated data, request ids and fault draws",
  },
  images: {
    schema: { type: "integer", minimum: 0, maximum: 1_000_000, default: 1000 },
    help: "repository images to generate",
  },
  localImages: {
    schema: { type: "integer", minimum: 0, maximum: 100_000, default: 200 },
    help: "local images to generate",
  },
  auth: { schema: { type: "string", enum: AUTH_MODES, default: "none" }, help: "none | token | aksk | any" },
  adminToken: {
    schema: { type: "string", minLength: 16, maxLength: 256 },
    help: "token the admin API requires (Authorization: Bearer <token>); made at random when auth is on or the host is not loopback (env HSS_MOCK_ADMIN_TOKEN)",
  },
  scanDurationMs: {
    schema: { type: "integer", minimum: 0, maximum: 3_600_000, default: 2000 },
    help: "ms a scan stays `scanning`",
  },
  maxBodyBytes: {
    schema: { type: "integer", minimum: 1024, maximum: 67_108_864, default: 1_048_576 },
    help: "largest request body, bytes (larger: 413)",
  },
  maxHeaderBytes: {
    schema: { type: "integer", minimum: 4096, maximum: 1_048_576, default: 65_536 },
    help: "largest request line and headers, bytes (larger: 431)",
  },
  journalSize: {
    schema: { type: "integer", minimum: 0, maximum: 100_000, default: 1000 },
    help: "requests kept in the journal",
  },
  journalBytes: {
    schema: { type: "integer", minimum: 0, maximum: 268_435_456, default: 4_194_304 },
    help: "bytes the journal may hold in all (oldest entries go first)",
  },
} as const satisfies Record<string, OptionSpec>;

const def = (name: keyof typeof OPTIONS) => (OPTIONS[name].schema as Schema).default as never;

/** Fills defaults. */
export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  return {
    seed: String(options.seed ?? def("seed")),
    images: options.images ?? def("images"),
    localImages: options.localImages ?? def("localImages"),
    auth: options.auth ?? def("auth"),
    credentials: options.credentials ?? { aksk: [], tokens: [] },
    adminToken: options.adminToken,
    scanDurationMs: options.scanDurationMs ?? def("scanDurationMs"),
    maxBodyBytes: options.maxBodyBytes ?? def("maxBodyBytes"),
    maxHeaderBytes: options.maxHeaderBytes ?? def("maxHeaderBytes"),
    journalSize: options.journalSize ?? def("journalSize"),
    journalBytes: options.journalBytes ?? def("journalBytes"),
    now: options.now ?? Date.now,
  };
}

/** Whether the admin API must take a token: when auth is on, or the mock listens beyond loopback. */
export function adminTokenRequired(auth: AuthMode, host: string): boolean {
  return auth !== "none" || !isLoopback(host);
}

/** Whether a listen address is loopback only. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
