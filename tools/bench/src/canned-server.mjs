/**
 * A bare node:http server in its own process answering every request with one canned body.
 * With DRAIN=1 it reads each request's body to its end first, as any server that answers after
 * the body must (the soak's traffic carries bodies; the throughput bench's does not).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(String(process.env.BODY_FILE));
const answer = (res) => {
  res.writeHead(200, {
    "Content-Type": "application/json;charset=UTF-8",
    "Content-Length": body.length,
    "X-Request-Id": "0123456789abcdef0123456789abcdef",
  });
  res.end(body);
};
// The mock's head limit (64 KiB; Node's default is 16 KiB), so both take the same requests.
const server = createServer(
  { maxHeaderSize: 65_536 },
  process.env.DRAIN === "1"
    ? (req, res) => {
        req.resume();
        req.on("end", () => answer(res));
      }
    : (_req, res) => answer(res),
);
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(`http://127.0.0.1:${address.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
