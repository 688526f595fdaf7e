/** Runs hss-mock in its own process (as the bin does), printing its URL. */
import { startMockServer } from "@hss/mock";

const mock = await startMockServer({
  seed: "bench",
  images: Number(process.env.IMAGES ?? 1000),
  journalSize: 1000,
});
console.log(mock.url);
process.on("SIGTERM", () => mock.close().then(() => process.exit(0)));
