/**
 * Questions on a terminal. Ctrl-C or end of input at any prompt is an interruption (exit 130,
 * after a newline), never an answer; a secret is read without echo.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { CliError, EXIT } from "./errors.js";

/** Where a prompt reads and writes. */
export interface PromptIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** Aborted on SIGINT (Ctrl-C that reached the process as a signal, not as a keystroke). */
  signal?: AbortSignal;
}

/** Asks one question; resolves to the answer, or throws an interruption (exit 130). */
export function ask(io: PromptIo, question: string, options: { secret?: boolean } = {}): Promise<string> {
  // A secret's keystrokes go to a sink instead of the terminal; readline echoes into `output`.
  const output = options.secret ? new Writable({ write: (_chunk, _encoding, done) => done() }) : io.stderr;
  // The terminal goes raw (no echo by the terminal itself) before the question is shown, so
  // that keys typed the moment it appears are never echoed, and Ctrl-C reaches readline.
  const rl = createInterface({ input: io.stdin, output, terminal: io.stdin.isTTY === true });
  // readline's own prompt, so that a redraw (Backspace) keeps the question; a secret's is
  // written directly, since its readline writes to the sink.
  if (options.secret) io.stderr.write(question);
  else {
    rl.setPrompt(question);
    rl.prompt();
  }
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    const interrupted = () => {
      if (answered) return;
      answered = true;
      io.stderr.write("\n");
      rl.close();
      reject(new CliError("interrupted; nothing was sent", EXIT.interrupted));
    };
    rl.once("SIGINT", interrupted);
    rl.once("close", interrupted);
    if (io.signal?.aborted) interrupted();
    else io.signal?.addEventListener("abort", interrupted, { once: true });
    rl.once("line", (line) => {
      answered = true;
      io.signal?.removeEventListener("abort", interrupted);
      if (options.secret) io.stderr.write("\n");
      rl.close();
      resolve(line);
    });
  });
}
