/**
 * `hss` under a real pseudo-terminal, where a person types: util-linux `script` gives the built
 * CLI a pty whose line discipline turns Ctrl-C into SIGINT and echoes what is typed, exactly as
 * a terminal emulator's would. Keystrokes are written only once the prompt they answer is shown.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningMock, startMockServer } from "@hss/mock";
import stringWidth from "string-width";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BIN, clearJournal, journalOf } from "./harness.js";

let mock: RunningMock;
let home: string;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: "cli-pty", images: 60, localImages: 20 });
  home = await mkdtemp(path.join(tmpdir(), "hss-pty-"));
});
afterAll(async () => {
  await mock?.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(() => clearJournal(mock.url));

const quote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`;

/** A session: `hss args` on a pty of `cols` columns; `until` waits for output, `type` sends keys. */
function session(args: string[], options: { env?: Record<string, string>; cols?: number } = {}) {
  const command = `stty cols ${options.cols ?? 80} rows 24; exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")}`;
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      SHELL: "/bin/sh",
      TERM: "xterm",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  // Output already waited for is behind `seen`: a prompt is matched only once (`token [` must
  // not match the `security_token [` before it).
  let seen = 0;
  let waiter: { text: string; resolve: () => void } | undefined;
  const found = (text: string) => {
    const at = screen.indexOf(text, seen);
    if (at >= 0) seen = at + text.length;
    return at >= 0;
  };
  child.stdout.on("data", (chunk) => {
    screen += chunk;
    if (waiter && found(waiter.text)) {
      waiter.resolve();
      waiter = undefined;
    }
  });
  // `close`, not `exit`: the last output may still be on its way when the process has exited.
  const exit = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    /** Resolves when `text` has been shown (the test's own timeout bounds the wait). */
    until: (text: string) =>
      new Promise<void>((resolve) => {
        if (found(text)) resolve();
        else waiter = { text, resolve };
      }),
    type: (keys: string) => child.stdin.write(keys),
    exit,
    screen: () => screen,
  };
}

const at = () => ["--endpoint", mock.url, "--region", "cn-north-4", "--project-id", "p1"];

describe("prompts", () => {
  it("configure shows what is typed, but never a secret", async () => {
    const s = session(["configure", "--profile", "typed"]);
    const answers: [string, string][] = [
      ["region [", "cn-north-4"],
      ["endpoint [", ""],
      ["project_id [", "project-typed"],
      ["enterprise_project_id [", ""],
      ["ak [", "AK-TYPED"],
      ["sk [", "SK-TYPED-must-not-echo"],
      ["security_token [", "ST-TYPED-must-not-echo"],
      ["token [", ""],
    ];
    for (const [prompt, answer] of answers) {
      await s.until(prompt);
      s.type(`${answer}\r`);
    }
    expect(await s.exit).toBe(0);
    const screen = s.screen();
    expect(screen).toContain("cn-north-4"); // echoed: the terminal does echo
    expect(screen).toContain("AK-TYPED");
    expect(screen).not.toContain("SK-TYPED");
    expect(screen).not.toContain("ST-TYPED");
    const saved = JSON.parse(await readFile(path.join(home, ".config", "hss", "config.json"), "utf8"));
    expect(saved.profiles.typed).toMatchObject({ sk: "SK-TYPED-must-not-echo", project_id: "project-typed" });
  });

  it.each([
    ["Ctrl-C at a secret", "\u0003"],
    ["Ctrl-D at a secret", "\u0004"],
  ])("%s in configure exits 130 and saves nothing", async (_, key) => {
    const s = session(["configure", "--profile", "interrupted"]);
    for (const [prompt, answer] of [
      ["region [", "cn-north-4"],
      ["endpoint [", ""],
      ["project_id [", "p"],
      ["enterprise_project_id [", ""],
      ["ak [", "AK"],
    ]) {
      await s.until(prompt as string);
      s.type(`${answer}\r`);
    }
    await s.until("sk [");
    s.type(key);
    expect(await s.exit).toBe(130);
    const saved = await readFile(path.join(home, ".config", "hss", "config.json"), "utf8").catch(() => "{}");
    expect(JSON.parse(saved).profiles?.interrupted).toBeUndefined();
  });

  it.each([
    ["against an endpoint", () => at()],
    ["with --mock", () => ["--mock"]],
  ])("Ctrl-C at the --all-images confirmation exits 130, saying nothing was sent (%s)", async (_, where) => {
    const s = session(["scan-local", "--all-images", "--scan-status", "unscan", ...where()]);
    await s.until("[y/N]");
    s.type("\u0003");
    expect(await s.exit).toBe(130);
    expect(s.screen()).toMatch(/interrupted; nothing was sent/);
    // (--mock's requests go to its own embedded mock; this one sees those against an endpoint.)
    expect(await journalOf(mock.url)).toEqual([]);
  });

  it("answering no sends nothing; yes sends the scan once", async () => {
    const no = session(["scan-local", "--all-images", ...at()]);
    await no.until("[y/N]");
    no.type("n\r");
    expect(await no.exit).toBe(2);
    expect(await journalOf(mock.url)).toEqual([]);
    const yes = session(["scan-local", "--all-images", ...at()]);
    await yes.until("[y/N]");
    yes.type("y\r");
    expect(await yes.exit).toBe(0);
    expect((await journalOf(mock.url)).map((e) => e.operation)).toEqual(["BatchScanLocalImage"]);
  });
});

describe("tables on a terminal", () => {
  const ESC = String.fromCharCode(27);
  const plain = (text: string) => text.replaceAll(`${ESC}[1m`, "").replaceAll(`${ESC}[22m`, "");
  // The table's lines (stderr's "10 of 60 (request id ...)" shares the terminal).
  const lines = (screen: string) =>
    plain(screen)
      .replace(/\r/g, "")
      .trimEnd()
      .split("\n")
      .filter((line) => !line.includes("request id"));

  it.each([80, 60])(
    "fit %i columns, values cut with an ellipsis; --no-truncate shows them whole",
    async (cols) => {
      const args = ["vul-images", "CVE-2021-44228", ...at(), "-o", "table", "--limit", "20"];
      const fitted = session(args, { cols });
      expect(await fitted.exit).toBe(0);
      const rows = lines(fitted.screen());
      expect(rows.length).toBeGreaterThan(10);
      for (const row of rows) expect(stringWidth(row), row).toBeLessThanOrEqual(cols);
      const whole = session([...args, "--no-truncate"], { cols });
      expect(await whole.exit).toBe(0);
      expect(lines(whole.screen()).some((row) => stringWidth(row) > cols)).toBe(true);
      expect(fitted.screen()).toContain("…");
      expect(whole.screen()).not.toContain("…");
    },
  );

  it("bold headers on a terminal, none with NO_COLOR or --color never", async () => {
    const args = ["vul-images", "CVE-2021-44228", ...at(), "-o", "table"];
    const colour = session(args);
    expect(await colour.exit).toBe(0);
    expect(colour.screen()).toContain(`${String.fromCharCode(27)}[1mNAME`);
    for (const [extra, env] of [
      [[], { NO_COLOR: "1" }],
      [["--color", "never"], {}],
    ] as const) {
      const s = session([...args, ...extra], { env });
      expect(await s.exit).toBe(0);
      expect(s.screen()).not.toContain(String.fromCharCode(27));
    }
  });
});
