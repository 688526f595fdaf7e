/** The `hss` process: wires runCli to the real process (signals, streams, exit code). */
import { EXIT } from "./errors.js";
import { runCli } from "./main.js";

const controller = new AbortController();
process.once("SIGINT", () => {
  controller.abort();
  setTimeout(() => process.exit(EXIT.interrupted), 2000).unref();
});
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT.ok);
});
runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: controller.signal,
}).then((code) => {
  process.exitCode = controller.signal.aborted ? EXIT.interrupted : code;
});
