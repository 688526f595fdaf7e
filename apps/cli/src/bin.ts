/** The `hss` process: wires runCli to the real process (signals, streams, exit code). */
import { writeSync } from "node:fs";
import { EXIT } from "./errors.js";
import type { Io } from "./io.js";
import { runCli } from "./main.js";

const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort();
  setTimeout(() => process.exit(EXIT.interrupted), 2000).unref();
});

/**
 * The process's streams, each made on first use: `process.stdout` and `process.stdin` load
 * Node's stream machinery (a sixth of `hss --help`'s start-up in a CPU profile), which help
 * and version, printed with `print`, never need.
 */
let stdout: NodeJS.WriteStream | undefined;
const io: Io = {
  env: process.env,
  get stdout() {
    if (!stdout) {
      stdout = process.stdout;
      stdout.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(EXIT.ok);
      });
    }
    return stdout;
  },
  get stderr() {
    return process.stderr;
  },
  get stdin() {
    return process.stdin;
  },
  signal: controller.signal,
  print(text: string) {
    if (stdout) return void stdout.write(text);
    const bytes = Buffer.from(text);
    let at = 0;
    try {
      while (at < bytes.length) at += writeSync(1, bytes, at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") process.exit(EXIT.ok);
      // A non-blocking pipe that is full: the rest goes through the stream, which waits.
      if (code === "EAGAIN") io.stdout.write(bytes.subarray(at));
      else throw error;
    }
  },
};

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = controller.signal.aborted ? EXIT.interrupted : code;
});
