/** `hss completion bash|zsh|fish`: shell completion scripts generated from the command table. */
import { usage } from "../errors.js";
import { GLOBAL_FLAGS } from "../flags.js";
import type { Command } from "./types.js";

/** Builds the completion script of a shell for the commands. */
export function completionScript(shell: string, commands: readonly Command[]): string {
  const names = commands.flatMap((c) => [c.name, ...c.aliases]);
  const globals = GLOBAL_FLAGS.map((f) => `--${f.name}`);
  const flagsOf = (c: Command) => [...c.flags.map((f) => `--${f.name}`), ...globals].join(" ");
  if (shell === "bash")
    return `# hss bash completion: eval "$(hss completion bash)"
_hss() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}"
  case "$cmd" in
${commands.map((c) => `    ${[c.name, ...c.aliases].join("|")}) COMPREPLY=($(compgen -W "${flagsOf(c)}" -- "$cur")); return;;`).join("\n")}
  esac
  COMPREPLY=($(compgen -W "${names.join(" ")} ${globals.join(" ")}" -- "$cur"))
}
complete -F _hss hss
`;
  if (shell === "zsh")
    return `#compdef hss
# hss zsh completion: eval "$(hss completion zsh)"
_hss() {
  local -a words_
  case "\${words[2]}" in
${commands.map((c) => `    ${[c.name, ...c.aliases].join("|")}) words_=(${flagsOf(c)});;`).join("\n")}
    *) words_=(${names.join(" ")} ${globals.join(" ")});;
  esac
  compadd -- $words_
}
compdef _hss hss
`;
  if (shell === "fish")
    return `# hss fish completion: hss completion fish | source
complete -c hss -f
${commands.map((c) => `complete -c hss -n "__fish_use_subcommand" -a "${[c.name, ...c.aliases].join(" ")}" -d ${JSON.stringify(c.summary)}`).join("\n")}
${commands.flatMap((c) => c.flags.map((f) => `complete -c hss -n "__fish_seen_subcommand_from ${[c.name, ...c.aliases].join(" ")}" -l ${f.name} -d ${JSON.stringify(f.help.slice(0, 80))}`)).join("\n")}
${GLOBAL_FLAGS.map((f) => `complete -c hss -l ${f.name} -d ${JSON.stringify(f.help.slice(0, 80))}`).join("\n")}
`;
  throw usage(`completion: the shell must be one of: bash, zsh, fish (got ${JSON.stringify(shell)})`);
}

/** The command; the command table is passed in to avoid a cycle. */
export function completion(all: () => readonly Command[]): Command {
  return {
    name: "completion",
    aliases: [],
    summary: "Print a shell completion script (bash, zsh, fish)",
    description:
      'bash: eval "$(hss completion bash)" in ~/.bashrc; zsh: eval "$(hss completion zsh)" in ~/.zshrc; fish: hss completion fish > ~/.config/fish/completions/hss.fish',
    usesApi: false,
    positionals: [],
    flags: [],
    examples: ['eval "$(hss completion bash)"'],
    async run({ rest, io }) {
      io.stdout.write(completionScript(rest[0] ?? "", all()));
      return 0;
    },
  };
}
