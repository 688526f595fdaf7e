/**
 * `hss mock local-images|vulnerabilities`: what the embedded mock of `--mock` holds (the same
 * seed), so examples can name images and vulnerabilities that exist. It reads the mock's admin
 * state (`/__mock/state`, `/__mock/vulnerabilities`); nothing leaves this machine.
 */
import type { LocalImageState } from "@hss/mock";
import { loadMock } from "../chunks/mock.js";
import { MOCK_SEED, outputOf } from "../context.js";
import { compileQuery, renderValue, styleOf } from "../output.js";
import { OWN_SUMMARIES } from "./names.js";
import type { Command } from "./types.js";

const TOPICS = ["local-images", "vulnerabilities"] as const;

export const mock: Command = {
  name: "mock",
  aliases: [],
  summary: OWN_SUMMARIES.mock,
  description:
    "Lists what the embedded mock of --mock holds: its local images (for scan-local --image, --image-id, and --enterprise-project-id), or its vulnerabilities with the number of images each affects (for vul-images). The default output is a table.",
  positionals: [
    {
      name: "what",
      key: "what",
      schema: { type: "string", enum: TOPICS },
      help: "local-images or vulnerabilities",
      required: true,
    },
  ],
  flags: [],
  examples: [
    "hss mock local-images",
    "hss mock local-images -o json --query \"[?scan_status=='unscan'].image\"",
    "hss mock vulnerabilities",
  ],
  async run({ globals, values, io }) {
    const output = outputOf(globals, io.env, "table");
    const query = globals.query === undefined ? undefined : await compileQuery(globals.query as string);
    const { startMockServer } = await loadMock();
    const server = await startMockServer({ port: 0, seed: MOCK_SEED });
    try {
      let rows: unknown;
      if (values.what === "vulnerabilities") {
        rows = await (await fetch(`${server.url}/__mock/vulnerabilities`)).json();
      } else {
        const state = (await (await fetch(`${server.url}/__mock/state`)).json()) as {
          local_images: LocalImageState[];
        };
        rows = state.local_images.map((i) => ({
          image: `${i.image_name}:${i.image_version}`,
          image_id: i.image_id,
          local_image_type: i.local_image_type,
          scan_status: i.scan_status,
          enterprise_project_id: i.enterprise_project_id,
        }));
      }
      const shown = query ? query(rows) : rows;
      io.stdout.write(`${renderValue(shown, output, await styleOf(globals, io, output))}\n`);
      return 0;
    } finally {
      await server.close();
    }
  },
};
