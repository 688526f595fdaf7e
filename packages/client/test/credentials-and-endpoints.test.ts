/**
 * Where the client's credentials, region and endpoint come from, and what each configuration
 * mistake is called: the error names the option or variable the bad value came from (so a user
 * knows what to fix) and never shows a secret.
 */
import { type RunningServer, startServer } from "@hss/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createHssClient,
  defaultEnv,
  endpointForRegion,
  HssConfigError,
  resolveCredentials,
  resolveEndpoint,
} from "../src/index.js";

const servers: RunningServer[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The HssConfigError message a call throws (fails the test when it throws anything else or nothing). */
function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HssConfigError);
    return (error as Error).message;
  }
  throw new Error("no HssConfigError was thrown");
}

const UNSENDABLE =
  "contains a space, a line break or another character a header cannot carry " +
  "(was it read from a file with a trailing newline or \\r?); the value is not shown";

describe("credentials given in the options", () => {
  it("an empty token is a config error naming credentials.token", () => {
    expect(configError(() => resolveCredentials({ token: "" }, {}))).toBe("credentials.token is empty");
  });

  it("half a key pair is an error whichever half is missing, never a silent fallback to the environment", () => {
    const env = { HUAWEICLOUD_SDK_AK: "env-ak", HUAWEICLOUD_SDK_SK: "env-sk" };
    for (const half of [
      { ak: "AK1", sk: "" },
      { ak: "", sk: "SK1" },
    ])
      expect(configError(() => resolveCredentials(half, env))).toBe("credentials need both ak and sk");
  });

  it("each unsendable value is named by its option, and the value is not shown", () => {
    const cases = [
      [{ ak: "AK 1", sk: "sk-1" }, "credentials.ak"],
      [{ ak: "AK1", sk: "sk\t1" }, "credentials.sk"],
      [{ ak: "AK1", sk: "sk-1", securityToken: "st\u007f1" }, "credentials.securityToken"],
      [{ token: "tök-1" }, "credentials.token"],
    ] as const;
    for (const [credentials, name] of cases) {
      const message = configError(() => resolveCredentials(credentials, {}));
      expect(message).toBe(`${name} ${UNSENDABLE}`);
    }
  });

  it("an empty security token is an error, not temporary credentials without one", () => {
    expect(configError(() => resolveCredentials({ ak: "AK1", sk: "sk-1", securityToken: "" }, {}))).toBe(
      "credentials.securityToken is empty",
    );
  });

  it("every printable ASCII character from ! to ~ is accepted, and the credentials come back as given", () => {
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join(
      "",
    );
    expect(resolveCredentials({ ak: printable, sk: printable, securityToken: printable }, {})).toEqual({
      kind: "aksk",
      ak: printable,
      sk: printable,
      securityToken: printable,
      source: "options",
    });
    expect(resolveCredentials({ token: printable }, {})).toEqual({
      kind: "token",
      token: printable,
      source: "options",
    });
  });
});

describe("credentials read from the environment", () => {
  it.each(["HUAWEICLOUD_SDK_", "CLOUD_SDK_"])(
    "%sAK or %sSK alone is an error naming both variables",
    (prefix) => {
      for (const half of [{ [`${prefix}AK`]: "ak" }, { [`${prefix}SK`]: "sk" }])
        expect(configError(() => resolveCredentials(undefined, half))).toBe(
          `${prefix}AK and ${prefix}SK must be set together`,
        );
    },
  );

  it("an unsendable value is named by the variable it was read from", () => {
    const cases = [
      [{ CLOUD_SDK_AK: "ak\n", CLOUD_SDK_SK: "sk" }, "CLOUD_SDK_AK"],
      [{ CLOUD_SDK_AK: "ak", CLOUD_SDK_SK: "sk\r" }, "CLOUD_SDK_SK"],
      [
        { CLOUD_SDK_AK: "ak", CLOUD_SDK_SK: "sk", CLOUD_SDK_SECURITY_TOKEN: "s t" },
        "CLOUD_SDK_SECURITY_TOKEN",
      ],
      [{ HUAWEICLOUD_SDK_AK: "ak", HUAWEICLOUD_SDK_SK: "s k" }, "HUAWEICLOUD_SDK_SK"],
      [{ HSS_AUTH_TOKEN: "tok\n" }, "HSS_AUTH_TOKEN"],
    ] as const;
    for (const [env, name] of cases)
      expect(configError(() => resolveCredentials(undefined, env))).toBe(`${name} ${UNSENDABLE}`);
  });

  it("an over-long HSS_AUTH_TOKEN is refused with the spec's range, naming the variable", () => {
    expect(configError(() => resolveCredentials(undefined, { HSS_AUTH_TOKEN: "t".repeat(32_769) }))).toBe(
      "HSS_AUTH_TOKEN must be a string of 1 to 32768 characters; the value is not shown",
    );
    expect(resolveCredentials(undefined, { HSS_AUTH_TOKEN: "t".repeat(32_768) })).toMatchObject({
      kind: "token",
    });
  });

  it("the security token is read with its pair; an empty one counts as unset", () => {
    expect(
      resolveCredentials(undefined, {
        CLOUD_SDK_AK: "ak",
        CLOUD_SDK_SK: "sk",
        CLOUD_SDK_SECURITY_TOKEN: "st-1",
      }),
    ).toEqual({ kind: "aksk", ak: "ak", sk: "sk", securityToken: "st-1", source: "env:CLOUD_SDK_AK" });
    const unset = resolveCredentials(undefined, {
      HUAWEICLOUD_SDK_AK: "ak",
      HUAWEICLOUD_SDK_SK: "sk",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "",
    });
    expect(unset).toEqual({ kind: "aksk", ak: "ak", sk: "sk", source: "env:HUAWEICLOUD_SDK_AK" });
    expect(unset).not.toHaveProperty("securityToken", "");
  });

  it("a security token from the environment reaches the server as X-Security-Token", async () => {
    const tokens: (string | undefined)[] = [];
    const server = await startServer((req, res) => {
      tokens.push(req.headers["x-security-token"] as string | undefined);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end('{"total_num":0,"data_list":[]}');
    });
    servers.push(server);
    const env = {
      HUAWEICLOUD_SDK_AK: "AK1",
      HUAWEICLOUD_SDK_SK: "sk-1",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "st-9",
    };
    await createHssClient({ endpoint: server.url, projectId: "p", env }).throwing.listVulRepoImage({
      vul_id: "v",
    });
    expect(tokens).toEqual(["st-9"]);
  });

  it("without an env option the client reads process.env", () => {
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "project-from-process-env");
    expect(defaultEnv().HUAWEICLOUD_SDK_PROJECT_ID).toBe("project-from-process-env");
    expect(createHssClient({ region: "cn-north-4" }).projectId).toBe("project-from-process-env");
  });
});

describe("endpoint and region", () => {
  it("a region id that is not one is refused, quoted as given", () => {
    expect(configError(() => endpointForRegion("North 4"))).toBe(
      'region must be a region id such as cn-north-4 (got "North 4")',
    );
  });

  it("neither region nor endpoint (an empty region included) is a config error saying which is needed", () => {
    for (const options of [{}, { region: "" }, { endpoint: "" }])
      expect(configError(() => resolveEndpoint(options))).toBe(
        "either region (e.g. cn-north-4) or endpoint is required",
      );
  });

  it("an explicit endpoint loses every trailing slash and keeps its path", () => {
    expect(resolveEndpoint({ endpoint: "http://127.0.0.1:8080//" }).endpoint).toBe("http://127.0.0.1:8080");
    expect(resolveEndpoint({ endpoint: "https://proxy.example/hss/v5-gateway///" }).endpoint).toBe(
      "https://proxy.example/hss/v5-gateway",
    );
  });

  it("with an explicit endpoint, the region given wins over the host's, and a host that is not HSS gives none", () => {
    expect(
      resolveEndpoint({ endpoint: "https://hss.cn-east-3.myhuaweicloud.com", region: "cn-north-4" }),
    ).toEqual({
      endpoint: "https://hss.cn-east-3.myhuaweicloud.com",
      region: "cn-north-4",
    });
    expect(resolveEndpoint({ endpoint: "https://hss.cn-east-3.myhuaweicloud.com" }).region).toBe("cn-east-3");
    expect(resolveEndpoint({ endpoint: "http://127.0.0.1:4010" }).region).toBeUndefined();
  });

  it("a region given with an endpoint is still checked, since it is sent as a header", () => {
    expect(
      configError(() => resolveEndpoint({ endpoint: "http://127.0.0.1:4010", region: "cn north" })),
    ).toBe('region must be a region id such as cn-north-4 (got "cn north")');
  });

  it("a bad endpoint is a config error that starts with the word endpoint", () => {
    expect(configError(() => resolveEndpoint({ endpoint: "ftp://hss.example" }))).toBe(
      "endpoint must use http or https (got ftp:)",
    );
  });
});
