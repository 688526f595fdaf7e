/** Writing to stdout with backpressure, so streamed output keeps memory flat. */

/**
 * Text at least this long is encoded to bytes before it is written: a long string built piece by
 * piece, written as it is to a pipe, cost about twice the CPU of encoding it first and writing the
 * bytes (`hss --all -o ndjson | ...` writes a page of 200 items at a time).
 */
const ENCODE_FROM = 16 * 1024;

export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  const chunk = text.length >= ENCODE_FROM ? Buffer.from(text) : text;
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
}
