/**
 * The load generator of the summary run, in a process of its own: autocannon against one URL
 * for SECONDS with CONNECTIONS connections (pipelining 1), the same headers for every server;
 * with OFFSETS=n each request asks for a new page (offset steps of 7919 below n). Prints the
 * result as one JSON line.
 */
import autocannon from "autocannon";

const url = String(process.env.URL);
const offsets = Number(process.env.OFFSETS ?? 0);
let n = 0;
const result = await autocannon({
  url,
  connections: Number(process.env.CONNECTIONS ?? 32),
  pipelining: 1,
  duration: Number(process.env.SECONDS ?? 5),
  headers: { "X-Auth-Token": "bench-token", region: "cn-north-4" },
  ...(offsets > 0 && {
    requests: [
      {
        setupRequest: (request) => {
          const target = new URL(url);
          target.searchParams.set("offset", String((n++ * 7919) % offsets));
          request.path = target.pathname + target.search;
          return request;
        },
      },
    ],
  }),
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
