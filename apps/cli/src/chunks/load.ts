/**
 * Parts of the CLI that only some commands need are built as files of their own next to the CLI
 * (dist/<name>.cjs) and required only then, so that start-up never loads their code: the
 * commands themselves (`hss --help` needs only their names), the embedded mock (`--mock`) and
 * the JMESPath engine (`--query`). Run from sources (tests), the modules are imported directly.
 * (`globalThis.__HSS_BUNDLE__` is `true` in the built CLI, where the bundler folds the
 * condition in each loader and leaves the source import out.)
 */
import { dirname, join } from "node:path";

/** What the bundler defines. */
export type BundleFlags = { __HSS_BUNDLE__?: boolean };

/**
 * A file of the built CLI, next to it. Only the CommonJS bundle calls this, where `require` is
 * the module's own (no `node:module` to load at start-up for `createRequire`).
 */
export const sibling = <T>(file: string): Promise<T> =>
  Promise.resolve(require(join(dirname(__filename), file)) as T);
