/** A bare node:http server in its own process answering every request with one canned body. */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(String(process.env.BODY_FILE));
const server = createServer((_req, res) => {
  res.writeHead(200, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": body.length,
    "X-Request-Id": "0123456789abcdef0123456789abcdef",
  });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
