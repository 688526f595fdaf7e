/**
 * `hss configure [list|delete]`: writes a profile (flags, or prompts on a terminal, secrets read
 * without echo, every answer checked as its flag is) to the XDG config file with mode 0600;
 * `list` shows a profile with secrets masked; `delete` removes one. Writes hold the config's
 * lock, so parallel runs never lose a profile; a config file that is not valid JSON is set
 * aside (never deleted) so that `configure` can always start afresh.
 */
import { type FlagSpec, flagValue, UsageError } from "@hss/args";
import { specComponents } from "@hss/client/spec";
import { outputOf } from "../context.js";
import { CliError, EXIT, usage } from "../errors.js";
import { GLOBAL_FLAGS } from "../flags.js";
import { renderValue, styleOf, table } from "../output.js";
import {
  CorruptConfig,
  configPath,
  mask,
  PROFILE_FIELDS,
  type Profile,
  readProfiles,
  updateProfiles,
} from "../profiles.js";
import { ask } from "../prompt.js";
import { OWN_SUMMARIES } from "./names.js";
import type { Command, CommandInput } from "./types.js";

const TOKEN = specComponents.securitySchemes.token?.schema ?? { type: "string" as const, minLength: 1 };
const secret = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  schema: { ...TOKEN, type: "string" },
  secret: true,
  help,
});

const OWN_FLAGS: FlagSpec[] = [
  {
    name: "ak",
    key: "ak",
    schema: { type: "string", minLength: 1, maxLength: 256 },
    help: "access key id",
  },
  secret(
    "sk",
    "sk",
    "secret access key (prefer the prompt or env HUAWEICLOUD_SDK_SK: a flag lands in shell history)",
  ),
  secret("security-token", "security_token", "security token of temporary credentials"),
];

/** The flag that checks a profile key's value (its range, pattern or URL rule). */
const flagOf = (key: keyof Profile): FlagSpec | undefined => {
  const name = PROFILE_FIELDS.find((f) => f.key === key)?.flag;
  return [...GLOBAL_FLAGS, ...OWN_FLAGS].find((f) => f.name === name);
};

/** The settings given as options, by profile key. */
function givenSettings({ globals, values }: CommandInput): Partial<Profile> {
  const given: Partial<Profile> = {
    region: globals.region as string | undefined,
    endpoint: globals.endpoint as string | undefined,
    project_id: globals.projectId as string | undefined,
    enterprise_project_id: globals.enterpriseProjectId as string | undefined,
    token: globals.token as string | undefined,
    ak: values.ak as string | undefined,
    sk: values.sk as string | undefined,
    security_token: values.security_token as string | undefined,
  };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

/** Asks for each setting on the terminal; an answer is checked as its flag is, and asked again when wrong. */
async function prompted(io: CommandInput["io"], profile: Profile): Promise<Partial<Profile>> {
  const given: Partial<Profile> = {};
  for (const { key, secret: isSecret } of PROFILE_FIELDS) {
    const current = isSecret ? mask(profile[key]) : (profile[key] ?? "");
    for (let tries = 0; ; tries++) {
      const answer = (await ask(io, `${key} [${current}]: `, { secret: isSecret })).trim();
      if (!answer) break;
      const flag = flagOf(key);
      try {
        if (flag) flagValue(flag, answer, key);
        given[key] = answer;
        break;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        if (tries >= 2) throw usage(`${error.message} (asked 3 times; nothing was saved)`);
        io.stderr.write(`${error.message}\n`);
      }
    }
  }
  return given;
}

/** The profile named by --profile or HSS_PROFILE, else `default`. */
const profileName = ({ globals, io }: CommandInput) =>
  (globals.profile as string | undefined) ?? io.env.HSS_PROFILE ?? "default";

/** Why a profile is not there, with the ones that are. */
function noProfile(file: string, name: string, profiles: Record<string, Profile>): CliError {
  const names = Object.keys(profiles);
  return new CliError(
    `no profile ${JSON.stringify(name)} in ${file} (${names.length ? `profiles: ${names.join(", ")}` : "no profiles yet; create one with hss configure"})`,
    EXIT.auth,
  );
}

async function list(input: CommandInput): Promise<number> {
  const { globals, io } = input;
  const name = profileName(input);
  const file = configPath(io.env);
  const profiles = await readProfiles(io.env);
  const profile = Object.hasOwn(profiles, name) ? profiles[name] : undefined;
  if (!profile) throw noProfile(file, name, profiles);
  const rows = PROFILE_FIELDS.map(({ key, secret: s }) => [
    key,
    s ? mask(profile[key]) : (profile[key] ?? ""),
  ]);
  const output = outputOf(globals, io.env, "table");
  if (output === "table")
    io.stdout.write(
      `profile ${name} (${file})\n${table(["setting", "value"], rows, await styleOf(globals, io, output))}\n`,
    );
  else
    io.stdout.write(`${renderValue(Object.fromEntries(rows), output, await styleOf(globals, io, output))}\n`);
  return 0;
}

async function remove(input: CommandInput): Promise<number> {
  const name = profileName(input);
  let missing: CliError | undefined;
  const { file } = await updateProfiles(input.io.env, (profiles) => {
    if (!Object.hasOwn(profiles, name)) missing = noProfile(configPath(input.io.env), name, profiles);
    const { [name]: _gone, ...rest } = profiles;
    return rest;
  });
  if (missing) throw missing;
  input.io.stderr.write(`deleted profile ${name} from ${file}\n`);
  return 0;
}

async function save(input: CommandInput): Promise<number> {
  const { io } = input;
  const name = profileName(input);
  let given = givenSettings(input);
  if (Object.keys(given).length === 0) {
    if (!io.stdin.isTTY)
      throw usage(
        "give settings as options (e.g. --region cn-north-4 --project-id ...), or run it on a terminal",
      );
    // The prompts show the current values; a file that cannot be read shows none (it is set aside below).
    const current = await readProfiles(io.env).catch((error) => {
      if (error instanceof CorruptConfig) return {} as Record<string, Profile>;
      throw error;
    });
    given = await prompted(io, (Object.hasOwn(current, name) && current[name]) || {});
  }
  // Half a key pair is refused before the file is touched (a corrupt one is not set aside for it).
  if (Boolean(given.ak) !== Boolean(given.sk)) {
    const current = await readProfiles(io.env).catch(() => ({}) as Record<string, Profile>);
    const merged = { ...(Object.hasOwn(current, name) ? current[name] : {}), ...given };
    if (Boolean(merged.ak) !== Boolean(merged.sk))
      throw usage("--ak and --sk go together (give the SK at the prompt or in env HUAWEICLOUD_SDK_SK)");
  }
  let halfPair = false;
  const { file, setAside } = await updateProfiles(
    io.env,
    (profiles) => {
      const profile: Profile = { ...(Object.hasOwn(profiles, name) ? profiles[name] : {}), ...given };
      halfPair = Boolean(profile.ak) !== Boolean(profile.sk);
      return halfPair ? profiles : { ...profiles, [name]: profile };
    },
    true,
  );
  if (halfPair)
    throw usage("--ak and --sk go together (give the SK at the prompt or in env HUAWEICLOUD_SDK_SK)");
  if (setAside) io.stderr.write(`${file} was not valid JSON: set it aside as ${setAside}\n`);
  io.stderr.write(`saved profile ${name} to ${file} (mode 0600)\n`);
  return 0;
}

/** The command. */
export const configure: Command = {
  name: "configure",
  aliases: [],
  summary: OWN_SUMMARIES.configure,
  description:
    "Saves the given global options (--region, --endpoint, --project-id, --enterprise-project-id, --token) and --ak/--sk/--security-token into a named profile (--profile, default `default`). On a terminal with no options, it asks for each (secrets without echo). `hss configure list` shows a profile with secrets masked; `hss configure delete --profile NAME` removes one.",
  positionals: [
    {
      name: "action",
      key: "action",
      schema: { type: "string", enum: ["list", "delete"] },
      help: "list: show the profile; delete: remove it",
      required: false,
    },
  ],
  flags: OWN_FLAGS,
  examples: [
    "hss configure --region cn-north-4 --project-id 2b31ed52...",
    "hss configure --profile prod",
    "hss configure list --profile prod",
    "hss configure delete --profile old",
  ],
  async run(input) {
    if (input.values.action === "list") return list(input);
    if (input.values.action === "delete") return remove(input);
    return save(input);
  },
};
