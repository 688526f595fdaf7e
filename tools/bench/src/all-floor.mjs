/**
 * The floor under `hss ... --all -o ndjson`: the least any fetch-based program does for the same
 * output. It asks for the same pages (PAGE items each, PREFETCH in flight, as the CLI keeps by
 * default), parses each, and writes each item as a line of JSON to stdout, waiting when the pipe
 * is full; no validation, no retries, no deadline, no error handling beyond a status check.
 * Usage: node all-floor.mjs BASE_URL VUL_ID ENTERPRISE_PROJECT_ID MAX_ITEMS
 */
const [base, vul, eps, max] = process.argv.slice(2);
const PAGE = 200;
const PREFETCH = 4;
const maxItems = Number(max);
const page = async (offset) => {
  const url = `${base}/v5/p/image/${vul}/images?limit=${PAGE}&offset=${offset}&enterprise_project_id=${eps}`;
  const response = await fetch(url, { headers: { region: "cn-north-4" } });
  if (!response.ok) throw new Error(`HTTP ${response.status} at offset ${offset}`);
  return JSON.parse(await response.text());
};
const queue = [];
let next = 0;
const fill = () => {
  while (queue.length < PREFETCH && next < maxItems) {
    const p = page(next);
    p.catch(() => {});
    queue.push(p);
    next += PAGE;
  }
};
fill();
let written = 0;
while (queue.length > 0 && written < maxItems) {
  const body = await queue.shift();
  fill();
  let chunk = "";
  for (const item of body.data_list.slice(0, maxItems - written)) chunk += `${JSON.stringify(item)}\n`;
  written += Math.min(body.data_list.length, maxItems - written);
  if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  if (body.data_list.length < PAGE) break;
}
