/** Process-level inputs of the CLI (tests pass their own). */
export interface Io {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  signal: AbortSignal;
  /** Prints a whole text to stdout (help, version); default `stdout.write`. */
  print?: (text: string) => void;
}
