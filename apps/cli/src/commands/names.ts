/** Command and flag names from the spec's names. */

/** `ListVulRepoImage` -> `list-vul-repo-image`; `image_name` -> `image-name`. */
export const kebab = (id: string) =>
  id
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/_/g, "-")
    .toLowerCase();

/** The summaries of the CLI's own commands (listed before they are loaded). */
export const OWN_SUMMARIES = {
  configure: "Write a profile (region, project, credentials) to the config file, or list it",
  completion: "Print a shell completion script (bash, zsh, fish)",
  mock: "List what the embedded mock of --mock holds (local images, vulnerabilities)",
} as const;
