#!/usr/bin/env node
/**
 * `hss-mock`: starts the mock and prints `hss-mock listening on http://HOST:PORT`, then, when
 * the admin API takes a token that was not given, `hss-mock admin token: ...` on stderr.
 */
import { parseMockArgs, usage } from "./cli-options.js";
import { startMockServer } from "./server.js";

const parsed = parseMockArgs(process.argv.slice(2), process.env);
if (parsed.kind === "help") {
  console.log(usage());
} else if (parsed.kind === "error") {
  console.error(`hss-mock: ${parsed.message}`);
  process.exitCode = 2;
} else {
  try {
    const mock = await startMockServer({ port: 4010, ...parsed.options });
    console.log(`hss-mock listening on ${mock.url}`);
    if (mock.adminToken && !parsed.options.adminToken)
      console.error(
        `hss-mock admin token: ${mock.adminToken} (send Authorization: Bearer <token> to /__mock/*)`,
      );
    const stop = (signal: string) => {
      console.error(`hss-mock: ${signal}, closing`);
      mock.close().then(() => process.exit(0));
      setTimeout(() => process.exit(0), 3000).unref();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    console.error(
      `hss-mock: cannot listen: ${e.code === "EADDRINUSE" ? "the port is in use (try --port 0)" : e.message}`,
    );
    process.exitCode = 1;
  }
}
