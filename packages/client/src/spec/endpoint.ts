/**
 * What an HSS endpoint URL may be: absolute, http or https, with no user name, password, query
 * or fragment. One check for the client's configuration and the CLI's `--endpoint`; the words
 * it returns never show a password.
 */

/** The rule in words. */
export const ENDPOINT_RULE = "an absolute http(s) URL with no user name, password, query or fragment";

/** Text with any `user:password@` of a URL masked. */
const masked = (text: string) => text.replace(/\/\/[^/]*@/, "//***@").slice(0, 200);

/** What is wrong with an endpoint (`must use http or https (got ftp:)`), or undefined when nothing is. */
export function endpointProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `must be an absolute http(s) URL (got ${JSON.stringify(masked(text))})`;
  }
  if (url.username || url.password) {
    url.username = url.username ? "***" : "";
    url.password = url.password ? "***" : "";
    return `must not carry a user name or password (got ${url.href}); use credentials instead`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `must use http or https (got ${url.protocol})`;
  if (url.search || url.hash)
    return `must not have a query or fragment (got ${url.origin}${url.pathname}?...)`;
  return undefined;
}
