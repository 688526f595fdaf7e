/** Runs every benchmark in turn. */
import { benchClient } from "./client.ts";
import { benchMock } from "./mock.ts";

await benchClient();
await benchMock();
