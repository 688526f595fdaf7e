/** Help text, generated from the command table and the flags' schemas (ranges, enums, defaults). */
import { expects } from "@hss/args";
import { describeSchema } from "@hss/client/spec";
import type { Command, CommandEntry } from "./commands/types.js";
import { EXIT } from "./errors.js";
import { type FlagSpec, GLOBAL_FLAGS } from "./flags.js";

function flagLine(f: FlagSpec): string {
  const names = `${f.short ? `-${f.short}, ` : ""}--${f.name}`;
  const value = f.boolean
    ? ""
    : f.placeholder
      ? ` <${f.placeholder}>`
      : ` <${f.schema.enum ? f.schema.enum.join("|") : f.schema.type}>`;
  const range = f.boolean || f.schema.enum ? "" : ` (${expects(f)})`;
  const def = f.schema.default !== undefined ? ` [default ${f.schema.default}]` : "";
  return `  ${names}${value}\n      ${f.help}${range}${def}${f.repeatable ? " (repeatable)" : ""}`;
}

/** `hss --help`. */
export function mainHelp(entries: readonly CommandEntry[], version: string): string {
  const width = Math.min(48, Math.max(...entries.map((e) => [e.name, ...e.aliases].join(", ").length)) + 2);
  return [
    `hss ${version}: Huawei Cloud HSS from the command line`,
    "",
    "Usage: hss <command> [options]",
    "",
    "Commands:",
    ...entries.map((e) => `  ${[e.name, ...e.aliases].join(", ").padEnd(width)} ${e.summary}`),
    "",
    "Global options:",
    ...GLOBAL_FLAGS.map(flagLine),
    "",
    "Try it with no account: hss vul-images CVE-2021-44228 --mock --output table",
    "Credentials: HUAWEICLOUD_SDK_AK/SK (or CLOUD_SDK_AK/SK), HSS_AUTH_TOKEN, --token, or a profile (hss configure).",
    "Network: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured (not with --mock); --ca-bundle FILE trusts other CAs.",
    `Exit codes: ${EXIT.ok} ok, ${EXIT.usage} usage, ${EXIT.auth} auth/config, ${EXIT.client} API 4xx, ${EXIT.server} API 5xx/network, ${EXIT.interrupted} interrupted.`,
    "More: hss <command> --help, or hss help <command>",
  ].join("\n");
}

/** `hss <command> --help`. */
export function commandHelp(c: Command): string {
  const args = c.positionals.map((p) => (p.required ? ` <${p.name}>` : ` [${p.name}]`)).join("");
  return [
    `hss ${c.name}${args} [options]${c.aliases.length ? `   (alias: ${c.aliases.join(", ")})` : ""}`,
    "",
    c.summary,
    c.description ? `\n${c.description}` : "",
    ...(c.positionals.length
      ? [
          "",
          "Arguments:",
          ...c.positionals.map((p) => `  <${p.name}>  ${p.help} (${describeSchema(p.schema)})`),
        ]
      : []),
    ...(c.flags.length ? ["", "Options:", ...c.flags.map(flagLine)] : []),
    "",
    "Global options: see hss --help",
    "",
    "Examples:",
    ...c.examples.map((e) => `  ${e}`),
  ].join("\n");
}
