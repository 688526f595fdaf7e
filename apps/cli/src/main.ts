/** The `hss` entry: parse, dispatch, and map every failure to a message and an exit code. */
import { HssError } from "@hss/client";
import pkg from "../package.json" with { type: "json" };
import { parseArgv } from "./argv.js";
import { COMMANDS } from "./commands/index.js";
import { DryRunDone, type Io } from "./context.js";
import { CliError, EXIT, exitCodeOf } from "./errors.js";
import { commandHelp, mainHelp } from "./help.js";

/** Runs the CLI with argv and I/O; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    const parsed = parseArgv(argv, COMMANDS);
    if (parsed.globals.version) {
      io.stdout.write(`hss ${pkg.version}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === parsed.command);
    if (parsed.command === "help" || !command) {
      const topic = COMMANDS.find(
        (c) => c.name === parsed.rest[0] || c.aliases.includes(parsed.rest[0] ?? ""),
      );
      io.stdout.write(`${topic ? commandHelp(topic) : mainHelp(COMMANDS, pkg.version)}\n`);
      return parsed.command || parsed.globals.help ? EXIT.ok : EXIT.usage;
    }
    if (parsed.globals.help) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    return await command.run({ globals: parsed.globals, values: parsed.values, rest: parsed.rest, io });
  } catch (error) {
    if (error instanceof HssError && error.cause instanceof DryRunDone) return EXIT.ok;
    if (error instanceof DryRunDone) return EXIT.ok;
    if (error instanceof CliError) {
      io.stderr.write(`hss: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof HssError) {
      io.stderr.write(`hss: ${error.message}\n`);
      return exitCodeOf(error);
    }
    io.stderr.write(`hss: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.server;
  }
}
