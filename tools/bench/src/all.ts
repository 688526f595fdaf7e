/** Runs every benchmark in turn. */
import { benchCli } from "./cli.ts";
import { benchClient } from "./client.ts";
import { benchMock } from "./mock.ts";

await benchClient();
await benchMock();
await benchCli();
