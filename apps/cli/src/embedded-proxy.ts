/**
 * The HTTP agent of `hss` behind a proxy or with `--ca-bundle`, built as its own file
 * (dist/proxy.cjs): undici's EnvHttpProxyAgent, which reads HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (either case) as curl does. Node's own fetch ignores those variables; it takes the
 * agent as its `dispatcher`.
 */
import { Agent, type Dispatcher, EnvHttpProxyAgent } from "undici";

/** What the agent is built from. */
export interface AgentOptions {
  /** Whether any proxy variable is set (otherwise a plain agent). */
  proxy: boolean;
  /** PEM certificates that replace the default trust store, as `--ca-bundle` does in the AWS CLI. */
  ca?: string;
  /** The proxy of http:// and of https:// requests and the hosts reached directly ("" for none). */
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/** The agent; throws a TypeError on a proxy variable that is not a URL. */
export function createAgent({ proxy, ca, httpProxy, httpsProxy, noProxy }: AgentOptions): Dispatcher {
  const tls = ca === undefined ? {} : { ca };
  if (!proxy) return new Agent({ connect: tls });
  // `connect` for hosts reached directly (NO_PROXY), `requestTls` through a proxy's tunnel,
  // `proxyTls` to an https:// proxy itself.
  // The variables are passed as read by the CLI (its environment), https falling back to http's
  // proxy as in undici.
  return new EnvHttpProxyAgent({
    httpProxy,
    httpsProxy: httpsProxy || httpProxy,
    noProxy,
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
}
