/** Runs every benchmark in turn. */
import { benchClient } from "./client.ts";

await benchClient();
