/** The `hss` entry: parse, dispatch, and map every failure to a one-line message and an exit code. */
import pkg from "../package.json" with { type: "json" };
import { parseArgv } from "./argv.js";
import { COMMANDS } from "./commands/index.js";
import { EXIT, exitCodeOf, isCliError, isDryRun, isHssError } from "./errors.js";
import { commandHelp, mainHelp } from "./help.js";
import type { Io } from "./io.js";
import { sanitize } from "./text.js";

/** One line for stderr: control characters escaped, whatever the text came from. */
const oneLine = (text: string) => sanitize(text.replace(/\s*\n\s*/g, " "));

/** Prints a whole text to stdout, through `io.print` when the process gives one. */
const print = (io: Io, text: string) => (io.print ? io.print(text) : void io.stdout.write(text));

/** Runs the CLI with argv and I/O; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    // `hss --help` and `hss --version` alone are answered before the parser (and node:util's
    // parseArgs, which it loads) starts: what they print depends on nothing else.
    if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
      print(io, `${mainHelp(COMMANDS, pkg.version)}\n`);
      return EXIT.ok;
    }
    if (argv.length === 1 && argv[0] === "--version") {
      print(io, `hss ${pkg.version}\n`);
      return EXIT.ok;
    }
    const parsed = await parseArgv(argv, COMMANDS);
    if (parsed.globals.version) {
      print(io, `hss ${pkg.version}\n`);
      return EXIT.ok;
    }
    if (parsed.globals.help) {
      print(io, `${parsed.command ? commandHelp(parsed.command) : mainHelp(COMMANDS, pkg.version)}\n`);
      return EXIT.ok;
    }
    if (!parsed.command) {
      io.stderr.write(`${mainHelp(COMMANDS, pkg.version)}\n`);
      return EXIT.usage;
    }
    return await parsed.command.run({
      globals: parsed.globals,
      values: parsed.values,
      rest: parsed.rest,
      ...(parsed.shown && { shown: parsed.shown }),
      io,
    });
  } catch (error) {
    if (isDryRun(error)) return EXIT.ok;
    if (isCliError(error)) {
      io.stderr.write(`hss: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    if (isHssError(error)) {
      io.stderr.write(`hss: ${oneLine(error.message)}\n`);
      return exitCodeOf(error);
    }
    io.stderr.write(
      `hss: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT.server;
  }
}
