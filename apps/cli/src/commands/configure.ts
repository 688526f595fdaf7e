/**
 * `hss configure [list]`: writes a profile (flags, or prompts on a terminal, secrets read
 * without echo) to the XDG config file with mode 0600; `list` shows it with secrets masked.
 */
import { specComponents } from "@hss/client/spec";
import { usage } from "../errors.js";
import type { FlagSpec } from "../flags.js";
import { renderValue, table } from "../output.js";
import { configPath, mask, PROFILE_FIELDS, type Profile, readProfiles, writeProfiles } from "../profiles.js";
import { ask } from "../prompt.js";
import { OWN_SUMMARIES } from "./names.js";
import type { Command } from "./types.js";

const TOKEN = specComponents.securitySchemes.token?.schema ?? { type: "string" as const, minLength: 1 };
const secret = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  schema: { ...TOKEN, type: "string" },
  secret: true,
  help,
});

/** The command. */
export const configure: Command = {
  name: "configure",
  aliases: [],
  summary: OWN_SUMMARIES.configure,
  description:
    "Saves the given global options (--region, --endpoint, --project-id, --enterprise-project-id, --token) and --ak/--sk/--security-token into a named profile (--profile, default `default`). On a terminal with no options, it asks for each (secrets without echo). `hss configure list` shows a profile with secrets masked.",
  positionals: [
    {
      name: "action",
      key: "action",
      schema: { type: "string", enum: ["list"] },
      help: "list: show the profile",
      required: false,
    },
  ],
  flags: [
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
  ],
  examples: [
    "hss configure --region cn-north-4 --project-id 2b31ed52...",
    "hss configure --profile prod",
    "hss configure list --profile prod",
  ],
  async run({ globals, values, io }) {
    const name = (globals.profile as string | undefined) ?? io.env.HSS_PROFILE ?? "default";
    const profiles = await readProfiles(io.env);
    const profile: Profile = { ...profiles[name] };
    if (values.action === "list") {
      const rows = PROFILE_FIELDS.map(({ key, secret: s }) => [
        key,
        s ? mask(profile[key]) : (profile[key] ?? ""),
      ]);
      const output = (globals.output as string | undefined) ?? "table";
      if (output === "table")
        io.stdout.write(`profile ${name} (${configPath(io.env)})\n${table(["setting", "value"], rows)}\n`);
      else io.stdout.write(`${renderValue(Object.fromEntries(rows), output as never)}\n`);
      return 0;
    }
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
    if (!Object.values(given).some((v) => v !== undefined)) {
      if (!io.stdin.isTTY)
        throw usage(
          "give settings as options (e.g. --region cn-north-4 --project-id ...), or run it on a terminal",
        );
      for (const { key, secret: s } of PROFILE_FIELDS) {
        const current = s ? mask(profile[key]) : (profile[key] ?? "");
        const answer = await ask(io, `${key} [${current}]: `, { secret: s });
        if (answer.trim()) given[key] = answer.trim();
      }
    }
    for (const [key, value] of Object.entries(given))
      if (value !== undefined) profile[key as keyof Profile] = value;
    if ((profile.ak && !profile.sk) || (!profile.ak && profile.sk)) throw usage("--ak and --sk go together");
    const file = await writeProfiles(io.env, { ...profiles, [name]: profile });
    io.stderr.write(`saved profile ${name} to ${file} (mode 0600)\n`);
    return 0;
  },
};
