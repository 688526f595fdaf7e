/**
 * Profiles written by `hss configure`: `$XDG_CONFIG_HOME/hss/config.json` (default
 * `~/.config/hss/config.json`), mode 0600 in a 0700 directory, since they may hold secrets.
 */
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
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

/** The profile fields, in the order `configure` shows them; secrets marked. */
export const PROFILE_FIELDS: { key: keyof Profile; secret: boolean }[] = [
  { key: "region", secret: false },
  { key: "endpoint", secret: false },
  { key: "project_id", secret: false },
  { key: "enterprise_project_id", secret: false },
  { key: "ak", secret: false },
  { key: "sk", secret: true },
  { key: "security_token", secret: true },
  { key: "token", secret: true },
];

/** The config file's path for an environment. */
export function configPath(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), ".config");
  return path.join(base, "hss", "config.json");
}

/** Every profile (none when the file does not exist). */
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
  try {
    const data = JSON.parse(text) as { profiles?: Record<string, Profile> };
    return data.profiles ?? {};
  } catch {
    throw new CliError(`${file} is not valid JSON; fix or remove it, or run hss configure again`, EXIT.auth);
  }
}

/** Writes every profile atomically with mode 0600. */
export async function writeProfiles(
  env: Record<string, string | undefined>,
  profiles: Record<string, Profile>,
): Promise<string> {
  const file = configPath(env);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ profiles }, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
  return file;
}

/** A secret shown as its last 4 characters at most. */
export function mask(value: string | undefined): string {
  if (!value) return "";
  return value.length <= 8 ? "****" : `****${value.slice(-4)}`;
}
