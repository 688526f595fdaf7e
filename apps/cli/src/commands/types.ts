/** The shape of a command in the command table. */
import type { CommandShape } from "../argv.js";
import type { Io } from "../context.js";

/** A command: what the parser needs, help, and how to run it. */
export interface Command extends CommandShape {
  summary: string;
  description: string;
  examples: string[];
  /** Whether it calls the API (and so needs a client). */
  usesApi: boolean;
  run(input: {
    globals: Record<string, unknown>;
    values: Record<string, unknown>;
    rest: string[];
    io: Io;
  }): Promise<number>;
}
