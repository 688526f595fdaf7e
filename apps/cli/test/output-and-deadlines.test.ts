/**
 * The built `hss` as a process: `--timeout` bounds an attempt against a server that never answers,
 * and csv output quotes fields per RFC 4180 so a comma or quote inside a value cannot shift columns.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningMock, startMockServer } from "@hss/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHss } from "./harness.js";

const VUL = "CVE-2021-44228";
let mock: RunningMock;
let stalled: { server: Server; url: string };
let home: string;
const held: ServerResponse[] = [];
let requests = 0;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: "cli-csv", images: 100, localImages: 10 });
  // Takes each request and never answers it (until closed).
  const server = createServer((_req, res) => {
    requests++;
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stalled = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  home = await mkdtemp(path.join(tmpdir(), "hss-cli-out-"));
});
afterAll(async () => {
  for (const res of held) res.destroy();
  stalled?.server.closeAllConnections();
  await new Promise((resolve) => stalled?.server.close(resolve));
  await mock?.close();
  await rm(home, { recursive: true, force: true });
});

const at = (url: string) => ["--endpoint", url, "--region", "cn-north-4", "--project-id", "p1"];

/** Splits RFC 4180 CSV text into records of fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n") {
      records.push([...record, field]);
      record = [];
      field = "";
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}

describe("--timeout", () => {
  it("ends an attempt the server never answers: exit 5, the message names the timeout, one request", async () => {
    requests = 0;
    const run = await runHss(
      ["vul-images", VUL, ...at(stalled.url), "--timeout", "0.3", "--retries", "0", "--debug"],
      { home },
    );
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("timed out after 300 ms");
    // One attempt, counted where it starts (--debug): on a loaded machine it may time out before the
    // server has read it, which is the deadline working.
    expect(run.stderr.match(/\[debug\] ListVulRepoImage attempt \d+: GET /g)).toEqual([
      "[debug] ListVulRepoImage attempt 1: GET ",
    ]);
    expect(requests).toBeLessThanOrEqual(1);
  });
});

describe("csv output", () => {
  it("quotes fields holding commas and doubles the quotes inside them (RFC 4180)", async () => {
    const query =
      "data_list[:3].{pair: join(',', [image_name, version]), said: join('', ['say \"', image_name, '\"'])}";
    const json = await runHss(["vul-images", VUL, ...at(mock.url), "--limit", "10", "--query", query], {
      home,
    });
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { pair: string; said: string }[];
    expect(rows).toHaveLength(3);
    const csv = await runHss(
      ["vul-images", VUL, ...at(mock.url), "--limit", "10", "--query", query, "-o", "csv"],
      {
        home,
      },
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split("\n");
    const first = rows[0] as { pair: string; said: string };
    expect(lines[1]).toBe(`"${first.pair}","${first.said.replace(/"/g, '""')}"`);
    expect(parseCsv(csv.stdout.trimEnd())).toEqual([["pair", "said"], ...rows.map((r) => [r.pair, r.said])]);
  });

  it("a list of scalars holding commas is one quoted field per line", async () => {
    const query = "data_list[:2].join(',', [image_name, version])";
    const json = await runHss(["vul-images", VUL, ...at(mock.url), "--limit", "10", "--query", query], {
      home,
    });
    const values = JSON.parse(json.stdout) as string[];
    expect(values).toHaveLength(2);
    const csv = await runHss(
      ["vul-images", VUL, ...at(mock.url), "--limit", "10", "--query", query, "-o", "csv"],
      {
        home,
      },
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.trimEnd().split("\n")).toEqual(values.map((v) => `"${v}"`));
  });
});
