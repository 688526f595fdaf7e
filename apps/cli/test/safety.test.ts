/**
 * The CLI issue's items, one table of cases each: the built `hss` as a process against the mock
 * on 127.0.0.1. A failing case exits with its code and one line naming what to fix (the flag,
 * variable or profile key as the user wrote it), shows no secret, and sends nothing (the mock's
 * journal stays empty).
 */
import { once } from "node:events";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningMock, startMockServer } from "@hss/mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearJournal, journalOf, type Run, runHss } from "./harness.js";

const VUL = "CVE-2021-44228";
let mock: RunningMock;
let home: string;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: "cli-safety", images: 120, localImages: 30 });
  home = await mkdtemp(path.join(tmpdir(), "hss-safety-"));
});
afterAll(async () => {
  await mock?.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(() => clearJournal(mock.url));

const at = () => ["--endpoint", mock.url, "--region", "cn-north-4", "--project-id", "p1"];

interface Case {
  /** Standard input. */
  stdin?: string;
  /** What the case shows. */
  name: string;
  args: () => string[];
  env?: Record<string, string>;
  /** The config file's text (a fresh config directory per case). */
  config?: string;
  code: number;
  /** The one line on stderr (for a failure), or a pattern stdout must match (for a success). */
  message?: RegExp;
  stdout?: RegExp;
  /** Text that must appear nowhere (secrets, authoring notes). */
  hidden?: string[];
  /** Whether the mock may receive the request (default: only on success). */
  sent?: boolean;
}

async function check(c: Case): Promise<Run> {
  const dir = await mkdtemp(path.join(home, "case-"));
  if (c.config !== undefined) {
    await mkdir(path.join(dir, "hss"), { recursive: true, mode: 0o700 });
    await writeFile(path.join(dir, "hss", "config.json"), c.config, { mode: 0o600 });
  }
  const run = await runHss(c.args(), {
    home,
    env: { XDG_CONFIG_HOME: dir, ...c.env },
    ...(c.stdin !== undefined && { stdin: c.stdin }),
  });
  expect(run.code, run.stderr).toBe(c.code);
  if (c.code !== 0) {
    expect(run.stderr).toMatch(/^hss: [^\n]+\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }
  if (c.message) expect(run.stderr).toMatch(c.message);
  if (c.stdout) expect(run.stdout).toMatch(c.stdout);
  for (const text of c.hidden ?? []) expect(run.stdout + run.stderr).not.toContain(text);
  if (!(c.sent ?? c.code === 0)) expect(await journalOf(mock.url)).toEqual([]);
  return run;
}

const profile = (fields: Record<string, unknown>) => JSON.stringify({ profiles: { default: fields } });
const TOKEN = "tok-SECRET-must-not-show";

const ITEMS: Record<string, Case[]> = {
  "1. a mistake sends nothing": [
    {
      name: "a bad --query on a POST",
      args: () => ["scan-local", ...at(), "--image-id", "x", "--query", "[[["],
      code: 2,
      message: /^hss: --query: /,
    },
    {
      name: "a bad --query on a GET",
      args: () => ["vul-images", VUL, ...at(), "--query", "data_list["],
      code: 2,
      message: /^hss: --query: /,
    },
    {
      name: "a body from --input that breaks the spec",
      args: () => ["scan-local", ...at(), "--input", "-", "--yes"],
      stdin: '{"image_info_list": "nginx"}',
      code: 2,
      message: /^hss: the body breaks the spec: image_info_list: must be an array/,
    },
  ],
  "2. unknown short flags and surplus arguments are errors": [
    {
      name: "-n is not --dry-run",
      args: () => ["scan-local", "--all-images", "--yes", ...at(), "-n"],
      code: 2,
      message: /unknown option -n for scan-local/,
    },
    {
      name: "-q is not --query",
      args: () => ["vul-images", VUL, ...at(), "-q", "total_num"],
      code: 2,
      message: /unknown option -q/,
    },
    {
      name: "a second vulnerability id",
      args: () => ["vul-images", "CVE-1", "CVE-2", ...at()],
      code: 2,
      message: /unexpected argument "CVE-2": vul-images takes only <vul_id>/,
    },
    {
      name: "-ocsv is csv",
      args: () => ["vul-images", VUL, ...at(), "-ocsv"],
      code: 0,
      stdout: /^namespace,image_name,/,
    },
    {
      name: "-o=table is a table",
      args: () => ["vul-images", VUL, ...at(), "-o=table"],
      code: 0,
      stdout: /^NAMESPACE {2,}IMAGE_NAME/,
    },
  ],
  "4. secrets never on screen": [
    {
      name: "a proxy password without a scheme",
      args: () => ["vul-images", VUL, ...at()],
      env: { HTTPS_PROXY: "alice:s3cr3tPW@proxy.corp:3128" },
      code: 3,
      message: /^hss: HTTPS_PROXY: must be a proxy URL .*\(got "\*\*\*@proxy\.corp:3128"\)/,
      hidden: ["s3cr3tPW"],
    },
    {
      name: "a token read from a file with its newline",
      args: () => ["vul-images", VUL, ...at()],
      env: { HSS_AUTH_TOKEN: `${TOKEN}\n` },
      code: 3,
      message: /^hss: HSS_AUTH_TOKEN contains .*the value is not shown/,
      hidden: [TOKEN],
    },
    {
      name: "an AK with a carriage return",
      args: () => ["vul-images", VUL, ...at()],
      env: { HUAWEICLOUD_SDK_AK: "AK\r", HUAWEICLOUD_SDK_SK: "SK-SECRET-must-not-show" },
      code: 3,
      message: /HUAWEICLOUD_SDK_AK/,
      hidden: ["SK-SECRET-must-not-show"],
    },
    {
      name: "a --token over the length limit",
      args: () => ["vul-images", VUL, ...at(), "--token", `${TOKEN}${"y".repeat(32_800)}`],
      code: 2,
      message: /^hss: --token: must be a string of 1 to 32768 characters \(the value is not shown\)/,
      hidden: [TOKEN],
    },
    {
      name: "a password in --endpoint",
      args: () => ["vul-images", VUL, "--endpoint", "http://user:pa55word@127.0.0.1:1", "--project-id", "p"],
      code: 2,
      message: /^hss: --endpoint: must be an absolute http\(s\) URL with no user name, password/,
      hidden: ["pa55word"],
    },
  ],
  "5. credentials are never dropped silently": [
    {
      name: "a profile token with a line break names the profile and key",
      args: () => ["vul-images", VUL, ...at()],
      config: profile({ token: `${TOKEN}\n` }),
      code: 3,
      message: /^hss: profile default \(token\) contains .*the value is not shown/,
      hidden: [TOKEN],
    },
    {
      name: "a security token without its key pair",
      args: () => ["vul-images", VUL, ...at()],
      config: profile({ security_token: "ST" }),
      code: 3,
      message: /^hss: profile default \(security_token\) needs ak and sk/,
    },
    {
      name: "--no-sign-request sends no credentials, even from the environment",
      args: () => [
        "vul-images",
        VUL,
        "--endpoint",
        "http://hss.example.invalid",
        "--project-id",
        "p",
        "--no-sign-request",
        "--dry-run",
      ],
      env: { HSS_AUTH_TOKEN: TOKEN, HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK-SECRET-must-not-show" },
      code: 0,
      stdout:
        /^GET http:\/\/hss\.example\.invalid\/v5\/p\/image\/CVE-2021-44228\/images\nuser-agent: [^\n]+\n$/,
      sent: false,
    },
    {
      name: "a bad HSS_OUTPUT is a configuration error",
      args: () => ["vul-images", VUL, ...at()],
      env: { HSS_OUTPUT: "xml" },
      code: 3,
      message: /^hss: HSS_OUTPUT: must be one of: json, yaml, table, csv, ndjson \(got "xml"\)/,
    },
    {
      name: "a profile named like an object's property is no profile",
      args: () => ["configure", "list", "--profile", "toString"],
      config: profile({ region: "cn-north-4" }),
      code: 3,
      message: /^hss: no profile "toString" in .*profiles: default/,
    },
    {
      name: "a profile with ak but no sk",
      args: () => ["vul-images", VUL, ...at()],
      config: profile({ ak: "AKONLY" }),
      code: 3,
      message: /profile default.* ak .*sk|sk.*ak/,
    },
    {
      name: "a misspelt key in a profile",
      args: () => ["vul-images", VUL, ...at()],
      config: profile({ ak: "AK", secret_key: "SK-SECRET-must-not-show" }),
      code: 3,
      message: /secret_key.*did you mean/,
      hidden: ["SK-SECRET-must-not-show"],
    },
    {
      name: "no credentials for a real endpoint",
      args: () => ["vul-images", VUL, "--region", "cn-north-4", "--project-id", "p"],
      code: 3,
      message: /^hss: no credentials: .*--no-sign-request/,
    },
  ],
  "8. help for typos": [
    {
      name: "--ouput",
      args: () => ["vul-images", VUL, ...at(), "--ouput", "json"],
      code: 2,
      message: /unknown option --ouput .*did you mean --output\?/,
    },
    {
      name: "--limt",
      args: () => ["vul-images", VUL, ...at(), "--limt", "10"],
      code: 2,
      message: /did you mean --limit\?/,
    },
    {
      name: "--image_name",
      args: () => ["vul-images", VUL, ...at(), "--image_name", "nginx"],
      code: 2,
      message: /did you mean --image-name\?/,
    },
    {
      name: "an enum value",
      args: () => ["vul-images", VUL, ...at(), "--output", "tabel"],
      code: 2,
      message: /did you mean table\?/,
    },
    { name: "vul-imgs", args: () => ["vul-imgs", VUL], code: 2, message: /did you mean vul-images\?/ },
    { name: "hss help nosuch", args: () => ["help", "nosuch"], code: 2, message: /unknown command "nosuch"/ },
    {
      name: "hss vul-images help is help",
      args: () => ["vul-images", "help", ...at()],
      code: 0,
      stdout: /^hss list-vul-repo-image <vul_id>/,
      sent: false,
    },
    {
      name: "configure list of a missing profile",
      args: () => ["configure", "list", "--profile", "nosuch"],
      code: 3,
      message: /^hss: no profile "nosuch" in /,
    },
  ],
  "10. messages name what the user typed": [
    {
      name: "no project id names the flag and the variables",
      args: () => ["vul-images", VUL, "--endpoint", mock.url],
      code: 3,
      message: /no project id: give --project-id, set HSS_PROJECT_ID/,
    },
    {
      name: "a time before 1970 names the flag",
      args: () => ["scan-local", ...at(), "--all-images", "--yes", "--updated-after", "99999d"],
      code: 2,
      message: /^hss: --updated-after: must be an ISO date from 1970-01-01 on .*\(got "99999d"\)/,
    },
    {
      name: "an inverted time range",
      args: () => [
        "scan-local",
        ...at(),
        "--all-images",
        "--yes",
        "--updated-after",
        "1d",
        "--updated-before",
        "3d",
      ],
      code: 2,
      message: /^hss: --updated-after \(.*\) is after --updated-before \(.*\): the range is empty/,
    },
    {
      name: "an inverted range from the spec's own flags",
      args: () => [
        "scan-local",
        ...at(),
        "--all-images",
        "--yes",
        "--start-latest-scan-time",
        "5",
        "--end-latest-scan-time",
        "3",
      ],
      code: 2,
      message: /--start-latest-scan-time .* is after --end-latest-scan-time/,
    },
    {
      name: "a bad --region is a usage error",
      args: () => ["vul-images", VUL, "--region", "cn_north", "--project-id", "p"],
      code: 2,
      message: /^hss: --region: must be a string of 1 to 128 characters matching/,
    },
    {
      name: "a bad region from the environment names the variable",
      args: () => ["vul-images", VUL, "--project-id", "p"],
      env: { HSS_REGION: "cn_north" },
      code: 3,
      message: /^hss: HSS_REGION: must be/,
    },
    {
      name: "--mock does not ignore --endpoint",
      args: () => ["vul-images", VUL, "--mock", "--endpoint", mock.url],
      code: 2,
      message: /--mock and --endpoint cannot be used together/,
    },
    {
      name: "--mock takes no profile",
      args: () => ["vul-images", VUL, "--mock", "--profile", "dev"],
      code: 2,
      message: /--mock and --profile cannot be used together/,
    },
    {
      name: "help shows no authoring notes",
      args: () => ["scan-local", "--help"],
      code: 0,
      stdout: /--scan-status <unscan\|success/,
      hidden: ["seed page", "Seed page"],
    },
  ],
};

describe.each(Object.entries(ITEMS))("%s", (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await check(c);
  });
});

describe("6. profiles are never lost and never block --mock or configure", () => {
  it("a corrupt config stops API commands (exit 3), not --mock; configure sets it aside", async () => {
    const dir = await mkdtemp(path.join(home, "corrupt-"));
    await mkdir(path.join(dir, "hss"), { mode: 0o755 });
    await writeFile(path.join(dir, "hss", "config.json"), '{"profiles": {"default": {"reg');
    const env = { XDG_CONFIG_HOME: dir };
    const api = await runHss(["vul-images", VUL, ...at()], { home, env });
    expect(api.code).toBe(3);
    expect(api.stderr).toMatch(/config\.json is not valid JSON; run hss configure to set it aside/);
    const viaMock = await runHss(["vul-images", VUL, "--mock", "-o", "ndjson", "--limit", "10"], {
      home,
      env,
    });
    expect(viaMock.code, viaMock.stderr).toBe(0);
    expect(viaMock.stdout.trimEnd().split("\n")).toHaveLength(10);
    const fresh = await runHss(["configure", "--region", "cn-north-4", "--project-id", "p9"], { home, env });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/set it aside as .*config\.json\.corrupt-/);
    const files = await readdir(path.join(dir, "hss"));
    expect(files.filter((f) => f.startsWith("config.json.corrupt-"))).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(dir, "hss", "config.json"), "utf8")).profiles.default).toEqual(
      {
        region: "cn-north-4",
        project_id: "p9",
      },
    );
    // The directory that held secrets is private again, whatever it was.
    expect((await stat(path.join(dir, "hss"))).mode & 0o777).toBe(0o700);
    expect(await journalOf(mock.url)).toEqual([]);
  });

  it("a refused configure leaves a corrupt file where it is; an unwritable place is a config error", async () => {
    const dir = await mkdtemp(path.join(home, "refused-"));
    await mkdir(path.join(dir, "hss"), { mode: 0o700 });
    await writeFile(path.join(dir, "hss", "config.json"), "{");
    const half = await runHss(["configure", "--ak", "AK-without-SK"], {
      home,
      env: { XDG_CONFIG_HOME: dir },
    });
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^hss: --ak and --sk go together/);
    expect(await readdir(path.join(dir, "hss"))).toEqual(["config.json"]);
    expect(await readFile(path.join(dir, "hss", "config.json"), "utf8")).toBe("{");
    const file = path.join(dir, "a-file");
    await writeFile(file, "");
    const blocked = await runHss(["configure", "--region", "cn-north-4"], {
      home,
      env: { XDG_CONFIG_HOME: file },
    });
    expect(blocked.code).toBe(3);
    expect(blocked.stderr).toMatch(
      /^hss: cannot write .*a-file\/hss\/config\.json \(E[A-Z]+\); check XDG_CONFIG_HOME/,
    );
  });

  it("4 parallel configure runs of 10 profiles each keep all 40", async () => {
    const dir = await mkdtemp(path.join(home, "parallel-"));
    const env = { XDG_CONFIG_HOME: dir };
    const writer = async (w: number) => {
      for (let i = 0; i < 10; i++) {
        const run = await runHss(
          ["configure", "--profile", `w${w}-p${i}`, "--region", "cn-north-4", "--project-id", `p${w}${i}`],
          { home, env },
        );
        expect(run.code, run.stderr).toBe(0);
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    const profiles = JSON.parse(await readFile(path.join(dir, "hss", "config.json"), "utf8")).profiles;
    expect(Object.keys(profiles).sort()).toHaveLength(40);
    expect(profiles["w3-p9"]).toEqual({ region: "cn-north-4", project_id: "p39" });
    expect((await readdir(path.join(dir, "hss"))).sort()).toEqual(["config.json"]);
  }, 240_000);

  it("a symlink planted where a temp file or the lock could go is never followed", async () => {
    const dir = await mkdtemp(path.join(home, "symlink-"));
    const hssDir = path.join(dir, "hss");
    await mkdir(hssDir, { mode: 0o700 });
    const target = path.join(home, `victim-${path.basename(dir)}`);
    await writeFile(target, "untouched");
    // Every name the old code used (config.json.<pid>.tmp for the next pids); the new one is random.
    for (let pid = 1; pid < 200; pid++) await symlink(target, path.join(hssDir, `config.json.${pid}.tmp`));
    await symlink(target, path.join(hssDir, "config.json.tmp"));
    const run = await runHss(
      [
        "configure",
        "--region",
        "cn-north-4",
        "--project-id",
        "p",
        "--ak",
        "AK",
        "--sk",
        "SK-SECRET-must-not-show",
      ],
      { home, env: { XDG_CONFIG_HOME: dir } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(target, "utf8")).toBe("untouched");
    const saved = JSON.parse(await readFile(path.join(hssDir, "config.json"), "utf8"));
    expect(saved.profiles.default.sk).toBe("SK-SECRET-must-not-show");
    expect((await stat(path.join(hssDir, "config.json"))).mode & 0o777).toBe(0o600);
    // A symlink planted as the config file itself is replaced (rename), never written through.
    const dir3 = await mkdtemp(path.join(home, "symlink3-"));
    await mkdir(path.join(dir3, "hss"), { mode: 0o700 });
    await symlink(target, path.join(dir3, "hss", "config.json"));
    const replaced = await runHss(
      ["configure", "--region", "cn-north-4", "--project-id", "p", "--token", TOKEN],
      {
        home,
        env: { XDG_CONFIG_HOME: dir3 },
      },
    );
    // The link's target is no config: the link (not its target) is set aside, a new file written.
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await readFile(target, "utf8")).toBe("untouched");
    expect((await lstat(path.join(dir3, "hss", "config.json"))).isFile()).toBe(true);
    // A symlink planted as the lock is refused at once, not waited for.
    const dir2 = await mkdtemp(path.join(home, "symlink2-"));
    await mkdir(path.join(dir2, "hss"), { mode: 0o700 });
    await symlink(target, path.join(dir2, "hss", "config.json.lock"));
    const locked = await runHss(["configure", "--region", "cn-north-4", "--project-id", "p"], {
      home,
      env: { XDG_CONFIG_HOME: dir2 },
    });
    expect(locked.code).toBe(3);
    expect(locked.stderr).toMatch(
      /config\.json\.lock is not a lock file hss made \(a symlink\?\); remove it/,
    );
    expect(await readFile(target, "utf8")).toBe("untouched");
  });
});

/** A server on 127.0.0.1 that answers every request with `answer(request path)`. */
async function serve(answer: (url: string) => { status: number; type: string; body: string }) {
  const server = http.createServer((req, res) => {
    const { status, type, body } = answer(req.url ?? "/");
    res.writeHead(status, { "content-type": type, "x-request-id": "0123456789abcdef0123456789abcdef" });
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describe("7. terminal output is safe", () => {
  it("escapes control characters of data and server messages; errors are one line; CJK aligns", async () => {
    const page = (await (
      await fetch(`${mock.url}/v5/p1/image/${VUL}/images?limit=10`, { headers: { region: "cn-north-4" } })
    ).json()) as { total_num: number; data_list: Record<string, unknown>[] };
    const evil = "ok\u001b[2J\u001b]0;pwned\u0007\nhss: forged\tline";
    (page.data_list[0] as Record<string, unknown>).image_name = evil;
    (page.data_list[1] as Record<string, unknown>).image_name = "镜像名称很长的名字";
    const server = await serve((url) =>
      url.includes("bad-gateway")
        ? {
            status: 502,
            type: "text/html",
            body: "<html>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>\n",
          }
        : url.includes("/images")
          ? { status: 200, type: "application/json", body: JSON.stringify(page) }
          : {
              status: 400,
              type: "application/json",
              body: JSON.stringify({ error_code: "HSS.0001", error_msg: `bad\u001b[2J\nhss: forged line` }),
            },
    );
    try {
      const where = ["--endpoint", server.url, "--region", "cn-north-4", "--project-id", "p1"];
      const table = await runHss(["vul-images", VUL, ...where, "-o", "table"], { home });
      expect(table.code, table.stderr).toBe(0);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal
      expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
      expect(table.stdout).toContain("ok\\u001b[2J\\u001b]0;pwned\\u0007\\nhss: forged\\tline");
      // Laid out in display cells (a CJK character takes two), IMAGE_ID starts at the same
      // column in every row: after a space, on the first character of the id.
      const { default: stringWidth } = await import("string-width");
      const cells = (line: string) => [...line].flatMap((ch) => (stringWidth(ch) === 2 ? [ch, ""] : [ch]));
      const [header, ...rows] = table.stdout.trimEnd().split("\n").map(cells);
      const column = (header as string[]).join("").indexOf("IMAGE_ID");
      expect(rows.some((r) => r.join("").includes("镜像名称很长的名字"))).toBe(true);
      for (const row of rows) {
        expect(row[column - 1], row.join("")).toBe(" ");
        expect(row[column], row.join("")).toMatch(/\S/);
      }
      const api = await runHss(["scan-local", ...where, "--image-id", "x"], { home });
      expect(api.code).toBe(4);
      expect(api.stderr).toMatch(/^hss: [^\n]*bad\\u001b\[2J hss: forged line[^\n]*\n$/);
      const gateway = await runHss(["vul-images", "bad-gateway", ...where, "--retries", "0"], { home });
      expect(gateway.code).toBe(5);
      expect(gateway.stderr).toMatch(/^hss: [^\n]*502[^\n]*\n$/);
    } finally {
      await server.close();
    }
  });
});

/** An HTTP proxy on 127.0.0.1 (CONNECT tunnels and plain forwarding) that sends everything to `to`. */
async function proxyTo(to: string) {
  const target = new URL(to);
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: new URL(req.url ?? "/").pathname,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(up);
  });
  server.on("connect", (req, socket: net.Socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const up = net.connect(Number(target.port), target.hostname, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on("error", () => socket.destroy());
    socket.on("error", () => up.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

const FIXTURES = path.resolve(import.meta.dirname, "fixtures");

describe("9. proxies and CA bundles", () => {
  it("HTTP_PROXY and HTTPS_PROXY carry requests to hosts only the proxy reaches; NO_PROXY and --mock go direct", async () => {
    const proxy = await proxyTo(mock.url);
    try {
      const where = [
        "--endpoint",
        "http://hss.only-via-proxy.invalid",
        "--region",
        "cn-north-4",
        "--project-id",
        "p1",
      ];
      const run = await runHss(["vul-images", VUL, ...where, "--no-sign-request", "-o", "ndjson"], {
        home,
        env: { HTTP_PROXY: proxy.url },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.trimEnd().split("\n")).toHaveLength(10);
      expect(proxy.seen).toEqual(["CONNECT hss.only-via-proxy.invalid:80"]);
      expect(await journalOf(mock.url)).toHaveLength(1);
      const bypass = await runHss(["vul-images", VUL, ...at(), "-o", "ndjson"], {
        home,
        env: { https_proxy: proxy.url, http_proxy: proxy.url, NO_PROXY: "127.0.0.1" },
      });
      expect(bypass.code, bypass.stderr).toBe(0);
      const embedded = await runHss(["vul-images", VUL, "--mock", "-o", "ndjson"], {
        home,
        env: { HTTP_PROXY: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9" },
      });
      expect(embedded.code, embedded.stderr).toBe(0);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    [{ HTTPS_PROXY: "proxy.example.com:8080" }, [] as string[], 3, /^hss: HTTPS_PROXY: must be a proxy URL/],
    [
      { HTTP_PROXY: "ftp://u:pr0xypass@proxy" },
      [],
      3,
      /^hss: HTTP_PROXY: must be a proxy URL .*\/\/\*\*\*@proxy/,
    ],
    [
      {},
      ["--ca-bundle", "/no/such/ca.pem"],
      2,
      /^hss: --ca-bundle: cannot read \/no\/such\/ca\.pem \(ENOENT\)/,
    ],
    [{ HSS_CA_BUNDLE: "/no/such/ca.pem" }, [], 3, /^hss: HSS_CA_BUNDLE: cannot read/],
    [{}, ["--ca-bundle", path.join(FIXTURES, "localhost-key.pem")], 2, /holds no PEM certificate/],
  ] as const)("%j %j: exit %i before anything is sent", async (env, args, code, message) => {
    await check({
      name: "",
      args: () => ["vul-images", VUL, ...at(), ...args],
      env: { ...env },
      code,
      message,
      hidden: ["pr0xypass"],
    });
  });

  it("--ca-bundle trusts a server whose certificate the default store refuses", async () => {
    const [cert, key] = await Promise.all([
      readFile(path.join(FIXTURES, "localhost.pem")),
      readFile(path.join(FIXTURES, "localhost-key.pem")),
    ]);
    const target = new URL(mock.url);
    const server = https.createServer({ cert, key }, (req, res) => {
      const up = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(up);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as net.AddressInfo;
    try {
      const where = [
        "--endpoint",
        `https://127.0.0.1:${port}`,
        "--region",
        "cn-north-4",
        "--project-id",
        "p1",
      ];
      const refused = await runHss(["vul-images", VUL, ...where, "--retries", "0"], { home });
      expect(refused.code).toBe(5);
      expect(refused.stderr).toMatch(/^hss: .*(certificate|SELF_SIGNED|self-signed)[^\n]*\n$/i);
      const trusted = await runHss(
        ["vul-images", VUL, ...where, "--ca-bundle", path.join(FIXTURES, "localhost.pem")],
        {
          home,
        },
      );
      expect(trusted.code, trusted.stderr).toBe(0);
      expect(JSON.parse(trusted.stdout).data_list).toHaveLength(10);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("warns once when credentials would go over plain http to another host", async () => {
    const run = await runHss(
      ["vul-images", VUL, "--endpoint", "http://hss.example.invalid", "--project-id", "p", "--dry-run"],
      {
        home,
        env: { HSS_AUTH_TOKEN: TOKEN },
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      "hss: warning: credentials go to hss.example.invalid over plain http, readable on the way; use an https endpoint\n",
    );
    const local = await runHss(["vul-images", VUL, ...at(), "--dry-run"], {
      home,
      env: { HSS_AUTH_TOKEN: TOKEN },
    });
    expect(local.stderr).toBe("");
  });
});
