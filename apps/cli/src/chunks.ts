/**
 * Parts of the CLI that only some commands need, built as files of their own next to the CLI
 * (dist/<name>.cjs) and required only then, so that start-up never loads their code: the
 * commands themselves (`hss --help` needs only their names), the embedded mock (`--mock`) and
 * the JMESPath engine (`--query`). Run from sources (tests), the
 * modules are imported directly. (`globalThis.__HSS_BUNDLE__` is `true` in the built CLI, where
 * the bundler folds the condition and leaves the source import out.)
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Flags = { __HSS_BUNDLE__?: boolean };
const sibling = (file: string) => createRequire(__filename)(join(dirname(__filename), file));

/** The embedded mock. */
export function loadMock(): Promise<typeof import("./embedded-mock.js")> {
  return (globalThis as Flags).__HSS_BUNDLE__
    ? Promise.resolve(sibling("mock.cjs"))
    : import("./embedded-mock.js");
}

/** The JMESPath engine. */
export function loadJmespath(): Promise<typeof import("./embedded-jmespath.js")> {
  return (globalThis as Flags).__HSS_BUNDLE__
    ? Promise.resolve(sibling("jmespath.cjs"))
    : import("./embedded-jmespath.js");
}

/** Every command's implementation. */
export function loadCommands(): Promise<typeof import("./commands/all.js")> {
  return (globalThis as Flags).__HSS_BUNDLE__
    ? Promise.resolve(sibling("commands.cjs"))
    : import("./commands/all.js");
}
