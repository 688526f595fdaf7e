/**
 * `hss completion bash|zsh|fish`: shell completion scripts generated from the command table:
 * commands and aliases, each command's flags, and the values of every enum flag (from the spec).
 */
import { usage } from "../errors.js";
import { type FlagSpec, GLOBAL_FLAGS } from "../flags.js";
import { OWN_SUMMARIES } from "./names.js";
import type { Command, CommandEntry } from "./types.js";

const SHELLS = ["bash", "zsh", "fish"] as const;

const words = (flags: readonly FlagSpec[]) =>
  flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]).join(" ");
/** A command's words: its positionals' enum values (`completion bash`), then its flags. */
const commandWords = (c: Command) =>
  [...c.positionals.flatMap((p) => (p.schema.enum ?? []).map(String)), words(c.flags)]
    .filter(Boolean)
    .join(" ");
const enums = (flags: readonly FlagSpec[]) => flags.filter((f) => f.schema.enum && !f.boolean);
const patterns = (f: FlagSpec) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])].join("|");
const names = (c: Command) => [c.name, ...c.aliases].join("|");
const valueFlags = GLOBAL_FLAGS.filter((f) => !f.boolean);
/**
 * The shell loop that finds the command word (the first word that is neither a flag nor a
 * global flag's value) in `array` from index `first`; bash and zsh share its syntax.
 */
const findCommand = (
  array: string,
  first: number,
  before: string,
) => `  for ((i = ${first}; i < ${before}; i++)); do
    case "\${${array}[i]}" in
      ${valueFlags.map(patterns).join("|")}) ((i++));;
      -*) ;;
      *) cmd="\${${array}[i]}"; break;;
    esac
  done`;

/** A `case "$prev" in ... esac` block of these arms, or nothing when there are none. */
const caseBlock = (arms: string[], indent: string) =>
  arms.length ? `${indent}case "$prev" in\n${arms.join("\n")}\n${indent}esac` : `${indent}:`;

/** How bash and zsh differ: where the words are, and how a list is offered. */
interface Dialect {
  preamble: string;
  locals: string;
  array: string;
  first: number;
  before: string;
  /** Offers these words and ends the function. */
  offer(words: string): string;
  register: string;
}

const BASH: Dialect = {
  preamble: `# hss bash completion: eval "$(hss completion bash)" (in ~/.bashrc)`,
  locals: `local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i`,
  array: "COMP_WORDS",
  first: 1,
  before: "COMP_CWORD",
  offer: (words) => `COMPREPLY=($(compgen -W "${words}" -- "$cur")); return`,
  register: "complete -F _hss hss",
};

const ZSH: Dialect = {
  preamble: `#compdef hss
# hss zsh completion: eval "$(hss completion zsh)" (in ~/.zshrc; it loads compinit when needed)
(( $+functions[compdef] )) || { autoload -Uz compinit && compinit }`,
  locals: `local prev="\${words[CURRENT-1]}" cmd="" i`,
  array: "words",
  first: 2,
  before: "CURRENT",
  offer: (list) => `compadd -- ${list}; return`,
  register: "compdef _hss hss",
};

/** A bash or zsh script: find the command word, offer enum values after an enum flag, else words. */
function posix(d: Dialect, commands: readonly Command[]): string {
  const enumCase = (flags: readonly FlagSpec[], indent: string) =>
    caseBlock(
      enums(flags).map((f) => `${indent}  ${patterns(f)}) ${d.offer(f.schema.enum?.join(" ") ?? "")};;`),
      indent,
    );
  const all = `${commands.flatMap((c) => [c.name, ...c.aliases]).join(" ")} help ${words(GLOBAL_FLAGS)}`;
  return `${d.preamble}
_hss() {
  ${d.locals}
${findCommand(d.array, d.first, d.before)}
${enumCase(GLOBAL_FLAGS, "  ")}
  case "$cmd" in
${commands
  .map(
    (c) => `    ${names(c)})
${enumCase(c.flags, "      ")}
      ${d.offer(`${commandWords(c)} ${words(GLOBAL_FLAGS)}`)};;`,
  )
  .join("\n")}
    *) ${d.offer(all)};;
  esac
}
${d.register}
`;
}

function fish(commands: readonly Command[]): string {
  const flagLine = (f: FlagSpec, condition: string) =>
    `complete -c hss${condition} -l ${f.name}${f.short ? ` -s ${f.short}` : ""}${f.boolean ? "" : f.schema.enum ? ` -xa ${JSON.stringify(f.schema.enum.join(" "))}` : " -r"} -d ${JSON.stringify(f.help.slice(0, 80))}`;
  return `# hss fish completion: hss completion fish > ~/.config/fish/completions/hss.fish
complete -c hss -f
${commands.map((c) => `complete -c hss -n "__fish_use_subcommand" -a "${[c.name, ...c.aliases].join(" ")}" -d ${JSON.stringify(c.summary)}`).join("\n")}
${commands.flatMap((c) => c.flags.map((f) => flagLine(f, ` -n "__fish_seen_subcommand_from ${[c.name, ...c.aliases].join(" ")}"`))).join("\n")}
${GLOBAL_FLAGS.map((f) => flagLine(f, "")).join("\n")}
`;
}

/** Builds the completion script of a shell for the commands. */
export function completionScript(shell: string, commands: readonly Command[]): string {
  if (shell === "bash") return posix(BASH, commands);
  if (shell === "zsh") return posix(ZSH, commands);
  if (shell === "fish") return fish(commands);
  throw usage(`completion: the shell must be one of: ${SHELLS.join(", ")} (got ${JSON.stringify(shell)})`);
}

/** The command; the command table is passed in to avoid a cycle. */
export function completion(all: () => readonly CommandEntry[]): Command {
  return {
    name: "completion",
    aliases: [],
    summary: OWN_SUMMARIES.completion,
    description:
      'bash: eval "$(hss completion bash)" in ~/.bashrc; zsh: eval "$(hss completion zsh)" in ~/.zshrc; fish: hss completion fish > ~/.config/fish/completions/hss.fish',
    positionals: [
      {
        name: "shell",
        key: "shell",
        schema: { type: "string", enum: SHELLS },
        help: "bash, zsh or fish",
        required: true,
      },
    ],
    flags: [],
    examples: ['eval "$(hss completion bash)"'],
    async run({ values, io }) {
      io.stdout.write(
        completionScript(values.shell as string, await Promise.all(all().map((e) => e.load()))),
      );
      return 0;
    },
  };
}
