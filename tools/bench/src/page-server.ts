/**
 * A bare node:http server in its own process (so it does not share the client's event loop):
 * answers ListVulRepoImage pages over `TOTAL` synthetic images, with canned bodies per
 * (offset, limit). Prints its URL on stdout.
 */
import { createServer } from "node:http";
import { syntheticImage as image } from "./synthetic-image.ts";

const total = Number(process.env.TOTAL ?? 100_000);
const cache = new Map<string, Buffer>();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const limit = Number(url.searchParams.get("limit") ?? 10);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const key = `${offset}:${limit}`;
  let body = cache.get(key);
  if (!body) {
    const data_list = [];
    for (let i = offset; i < Math.min(total, offset + limit); i++) data_list.push(image(i));
    body = Buffer.from(JSON.stringify({ total_num: total, data_list }));
    if (cache.size < 64) cache.set(key, body);
  }
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": body.length,
    "X-Request-Id": "bench",
  });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
