/**
 * Profiles written by `hss configure`: `$XDG_CONFIG_HOME/hss/config.json` (default
 * `~/.config/hss/config.json`), mode 0600 in a 0700 directory, since they may hold secrets.
 *
 * Reading is strict: a key that is not a setting, half a key pair or a value that is not text is
 * an error naming the profile and the key, never a setting silently dropped. Writing is safe
 * against other `hss configure` runs and against whoever else can write the directory: a lock
 * (a file created exclusively) around read-modify-write, the new file written under an
 * unpredictable name opened with O_EXCL (a symlink there is never followed), then renamed over.
 */
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { suggest } from "@hss/args";
import { CliError, EXIT } from "./errors.js";

/** One profile. */
export interface Profile {
  region?: string;
  endpoint?: string;
  project_id?: string;
  enterprise_project_id?: string;
  ak?: string;
  sk?: string;
  security_token?: string;
  token?: string;
}

/** The profile fields, in the order `configure` shows them; secrets marked; the flag that sets each. */
export const PROFILE_FIELDS: { key: keyof Profile; secret: boolean; flag: string }[] = [
  { key: "region", secret: false, flag: "region" },
  { key: "endpoint", secret: false, flag: "endpoint" },
  { key: "project_id", secret: false, flag: "project-id" },
  { key: "enterprise_project_id", secret: false, flag: "enterprise-project-id" },
  { key: "ak", secret: false, flag: "ak" },
  { key: "sk", secret: true, flag: "sk" },
  { key: "security_token", secret: true, flag: "security-token" },
  { key: "token", secret: true, flag: "token" },
];
const KEYS = PROFILE_FIELDS.map((f) => f.key as string);
/** Names other tools give these settings (AWS, Huawei's SDKs and KooCLI), too far for an edit-distance hint. */
const SYNONYMS: Record<string, string> = {
  access_key: "ak",
  access_key_id: "ak",
  aws_access_key_id: "ak",
  secret_key: "sk",
  secret_access_key: "sk",
  aws_secret_access_key: "sk",
  session_token: "security_token",
  securitytoken: "security_token",
  aws_session_token: "security_token",
  projectid: "project_id",
  project: "project_id",
  region_id: "region",
  auth_token: "token",
  x_auth_token: "token",
};

/** The config file's path for an environment. */
export function configPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "hss", "config.json");
}

/** The config file could not be parsed: `configure` may set it aside, other commands stop. */
export class CorruptConfig extends CliError {
  constructor(readonly file: string) {
    super(
      `${file} is not valid JSON; run hss configure to set it aside and start afresh, or fix it`,
      EXIT.auth,
    );
  }
}

const configError = (file: string, message: string) => new CliError(`${file}: ${message}`, EXIT.auth);

/** Checks one profile as read from the file; returns it typed, or throws naming the key. */
function checkedProfile(file: string, name: string, value: unknown): Profile {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw configError(file, `profile ${name} is not an object`);
  for (const [key, setting] of Object.entries(value)) {
    if (!KEYS.includes(key)) {
      const hint = suggest(key, KEYS) ?? SYNONYMS[key.toLowerCase().replace(/-/g, "_")];
      throw configError(
        file,
        `profile ${name} has an unknown key ${JSON.stringify(key)}${hint ? `; did you mean ${hint}?` : ""} (keys: ${KEYS.join(", ")})`,
      );
    }
    if (typeof setting !== "string")
      throw configError(file, `profile ${name}: ${key} must be text (run hss configure --profile ${name})`);
  }
  const profile = value as Profile;
  if (Boolean(profile.ak) !== Boolean(profile.sk))
    throw configError(
      file,
      `profile ${name} has ${profile.ak ? "ak without sk" : "sk without ak"}; set both: hss configure --profile ${name} --ak ... (the SK at the prompt)`,
    );
  return profile;
}

/** Every profile (none when the file does not exist), each checked. */
export async function readProfiles(
  env: Record<string, string | undefined>,
): Promise<Record<string, Profile>> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`, EXIT.auth);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CorruptConfig(file);
  }
  const profiles = (data as { profiles?: unknown } | null)?.profiles ?? {};
  if (typeof data !== "object" || data === null || typeof profiles !== "object" || profiles === null)
    throw new CorruptConfig(file);
  const out: Record<string, Profile> = {};
  for (const [name, value] of Object.entries(profiles)) out[name] = checkedProfile(file, name, value);
  return out;
}

/** How long a lock may stand before it is taken as left by a crashed run, and how long to wait for one. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 10_000;

/** Runs `work` holding the config file's lock (a file created exclusively next to it). */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await open(lock, "wx", 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const found = await lstat(lock).catch(() => undefined);
      // Only ever a plain file of ours: anything else (a planted symlink) is not waited out.
      if (found && !found.isFile())
        throw new CliError(
          `${lock} is not a lock file hss made (a symlink?); remove it and try again`,
          EXIT.auth,
        );
      const age = found ? Date.now() - found.mtimeMs : 0;
      // Taken over only if it is still the same stale file (another waiter may have replaced it).
      if (found && age > STALE_LOCK_MS) {
        if ((await lstat(lock).catch(() => undefined))?.ino === found.ino) await rm(lock, { force: true });
      } else if (Date.now() - started > LOCK_WAIT_MS)
        throw new CliError(
          `${lock} is held by another hss configure; try again, or remove it if no hss is running`,
          EXIT.auth,
        );
      else await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** Writes text to `file` atomically with mode 0600, through an exclusive, unpredictable temp file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(8).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A file-system error while writing the config, as a configuration error naming the file. */
function unwritable(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof CliError || typeof code !== "string") return error;
  return new CliError(`cannot write ${file} (${code}); check XDG_CONFIG_HOME and HOME`, EXIT.auth);
}

/** The directory of the config file, created or tightened to 0700. */
async function privateDir(file: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/**
 * Changes the profiles under the lock: `change` gets the profiles as they are now (read inside
 * the lock, so parallel runs never lose each other's profile) and returns them as they should
 * be. A file that is not valid JSON is set aside (`config.json.corrupt-<time>`) when
 * `setAsideCorrupt` allows, and the change starts from no profiles; `setAside` is its new name.
 */
export async function updateProfiles(
  env: Record<string, string | undefined>,
  change: (profiles: Record<string, Profile>) => Record<string, Profile>,
  setAsideCorrupt = false,
): Promise<{ file: string; setAside?: string }> {
  const file = configPath(env);
  try {
    await privateDir(file);
    return await withLock(file, () => changeLocked(file, env, change, setAsideCorrupt));
  } catch (error) {
    throw unwritable(file, error);
  }
}

/** The body of updateProfiles, run holding the lock. */
async function changeLocked(
  file: string,
  env: Record<string, string | undefined>,
  change: (profiles: Record<string, Profile>) => Record<string, Profile>,
  setAsideCorrupt: boolean,
): Promise<{ file: string; setAside?: string }> {
  let current: Record<string, Profile>;
  let setAside: string | undefined;
  try {
    current = await readProfiles(env);
  } catch (error) {
    if (!(error instanceof CorruptConfig) || !setAsideCorrupt) throw error;
    setAside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(file, setAside);
    current = {};
  }
  await writeAtomically(file, `${JSON.stringify({ profiles: change(current) }, null, 2)}\n`);
  return { file, ...(setAside && { setAside }) };
}

/** A secret shown as its last 4 characters at most. */
export function mask(value: string | undefined): string {
  if (!value) return "";
  return value.length <= 8 ? "****" : `****${value.slice(-4)}`;
}
