/**
 * The README's shell examples: every line of its `sh` blocks, with the section it stands in,
 * the output block shown right after it (when its block holds this one command), and its note,
 * if the line or a comment line of its block has one: `(needs: ...)` or `(not run: ...)` say why
 * it is not run here, `(runs until Ctrl-C)` marks a server (run until it prints, then stopped).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./workspace.js";

/** One command line of the README. */
export interface ReadmeExample {
  /** The `## ` heading it stands under. */
  section: string;
  command: string;
  /** Lines of the output block that follows its block, if its block is this one command. */
  shown?: string[];
  /** Its note: why it is not run (`needs`, `not run`), or that it runs until stopped. */
  note?: { kind: "needs" | "not run" | "runs until"; text: string };
}

const NOTE = /\((needs|not run|runs until)[: ]([^)]*)\)/;

/** The examples of a README's text (by default, the repository's README.md). */
export function readmeExamples(text = readFileSync(path.join(ROOT, "README.md"), "utf8")): ReadmeExample[] {
  const out: ReadmeExample[] = [];
  let section = "";
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("## ")) section = line.slice(3).trim();
    if (line !== "```sh") continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i] as string);
    let shown: string[] | undefined;
    if (lines[i + 1] === "```") {
      shown = [];
      for (i += 2; i < lines.length && lines[i] !== "```"; i++) shown.push(lines[i] as string);
    }
    const blockNote = body.find((l) => l.trim().startsWith("#") && NOTE.test(l));
    const commands = body.filter((l) => l.trim() && !l.trim().startsWith("#"));
    for (const command of commands) {
      const note = NOTE.exec(command) ?? (blockNote ? NOTE.exec(blockNote) : null);
      out.push({
        section,
        command,
        ...(shown && commands.length === 1 && { shown }),
        ...(note && { note: { kind: note[1] as "needs", text: (note[2] ?? "").trim() } }),
      });
    }
  }
  return out;
}
