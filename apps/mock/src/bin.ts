#!/usr/bin/env node
/**
 * `hss-mock`: the process around `main` (main.ts): its exit code, and a clean close on SIGINT or
 * SIGTERM. Tested as the built process (test/bin.test.ts); main itself in process.
 */
import { main } from "./main.js";

const result = await main(process.argv.slice(2), process.env, {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line),
});
const { mock } = result;
if (mock === undefined) process.exitCode = result.exitCode;
else {
  const stop = (signal: string) => {
    console.error(`hss-mock: ${signal}, closing`);
    mock.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
