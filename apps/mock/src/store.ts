/**
 * The mock's state: the dataset, local images' scans, and the two operations' logic. Scan
 * states are evaluated lazily against the clock: a scan started at t is `scanning` until
 * t + scanDurationMs, then ends in its outcome, so a million images cost no timers.
 */
import {
  type LocalImageBatchScanRequestBody,
  operations,
  type QueryWithDefaults,
  type ResponseBody,
  type Violation,
  type VulRepoImageInfo,
} from "@hss/client/spec";
import {
  type Dataset,
  type DatasetOptions,
  datasetFor,
  type LocalImage,
  OVERSIZED_BYTES,
} from "./dataset.js";
import { hash32 } from "./random.js";
import { type Json, json, renderPage } from "./render.js";

/** A scan status of the spec. */
export type ScanStatus = NonNullable<LocalImageBatchScanRequestBody["scan_status"]>;

/** A local image as the admin API shows it, with its scan state now. */
export interface LocalImageState extends Omit<LocalImage, "scan_status" | "latest_scan_time"> {
  scan_status: ScanStatus;
  latest_scan_time: number | null;
  scans: number;
}

interface Scan {
  startedAt: number;
  outcome: ScanStatus;
}

/** What a batch scan did. */
export type BatchScanResult = { queued: number } | { violations: Violation[] };

const ALL_EPS = "all_granted_eps";
const LIST = operations.ListVulRepoImage;
type ListPage = Json<ResponseBody<"ListVulRepoImage">>;
const EMPTY_PAGE: ListPage = renderPage(LIST, 0, []);
/** Rendered pages kept: at most 256, and at most 8 MiB of them (about 110 pages at limit 200). */
const PAGE_CACHE_SIZE = 256;
const PAGE_CACHE_BYTES = 8 * 1024 * 1024;
/** The longest cache key kept (longer filters are computed every time): caches stay small. */
const MAX_CACHE_KEY = 1024;
/** Filters whose matches are kept. */
const MATCH_CACHE_SIZE = 64;

/** The query of ListVulRepoImage with its defaults filled. */
export type ListQuery = QueryWithDefaults<"ListVulRepoImage">;

/** A vulnerability's affected images, column by column, in the stable order. */
interface Columns {
  names: string[];
  eps: string[];
  namespaces: string[];
  imageIds: string[];
  apps: string[];
  fragments: Json<VulRepoImageInfo>[];
  /** Every name followed by "\n", in order, and where each starts (one more entry: the end). */
  joined: string;
  starts: Int32Array;
}

/** The store behind the mock. */
export class MockStore {
  private data: Dataset;
  private scans = new Map<number, Scan>();
  private scanCounts = new Map<number, number>();
  private readonly columns = new Map<string, Columns>();
  private readonly matchCache = new Map<string, Int32Array>();
  /** Rendered pages: the data only changes on reseed, so repeated queries reuse the bytes. */
  private readonly pages = new Map<string, ListPage>();
  private pageBytes = 0;
  private readonly seenPages = new Set<string>();

  constructor(
    private options: DatasetOptions,
    private readonly scanDurationMs: number,
    private readonly now: () => number,
  ) {
    this.data = datasetFor(options);
  }

  /** The dataset's seed and sizes. */
  get summary() {
    let affected = 0;
    for (const v of this.data.vulnerabilities.values()) affected += v.affected.length;
    return {
      seed: this.data.seed,
      image_count: this.data.images.length,
      local_image_count: this.data.localImages.length,
      vulnerability_count: this.data.vulnerabilities.size,
      affected_image_count: affected,
      enterprise_project_ids: [...this.data.enterpriseProjects],
    };
  }

  /** Vulnerability ids with how many images each affects, most first. */
  vulnerabilities(): { vul_id: string; app_name: string; images: number }[] {
    return [...this.data.vulnerabilities.values()]
      .map((v) => ({ vul_id: v.vul_id, app_name: v.app_name, images: v.affected.length }))
      .sort((a, b) => b.images - a.images || a.vul_id.localeCompare(b.vul_id));
  }

  /** Back to the initial state of the current seed. */
  reset(): void {
    this.scans.clear();
    this.scanCounts.clear();
  }

  /** A new dataset. */
  reseed(options: Partial<DatasetOptions>): void {
    this.options = { ...this.options, ...options };
    this.data = datasetFor(this.options);
    this.columns.clear();
    this.matchCache.clear();
    this.pages.clear();
    this.pageBytes = 0;
    this.seenPages.clear();
    this.reset();
  }

  /**
   * ListVulRepoImage as a JSON string: filters (`image_name` substring, the others exact),
   * enterprise project scoping, then limit/offset over the dataset's stable order. The matches
   * of a filter are kept (a small LRU), so paging through them scans the images once, and so are
   * rendered pages (insertion-order eviction), since the data changes only on reseed.
   */
  listVulRepoImage(vulId: string, query: ListQuery): ListPage {
    const key = `${vulId}\n${query.enterprise_project_id}\n${query.offset}\n${query.limit}\n${query.namespace ?? ""}\n${query.image_id ?? ""}\n${query.image_name ?? ""}\n${query.app_name ?? ""}`;
    const cached = this.pages.get(key);
    if (cached) return cached;
    const columns = this.columnsOf(vulId);
    if (!columns) return EMPTY_PAGE;
    const matches = this.matchesOf(vulId, columns, query);
    const total = matches === undefined ? columns.names.length : matches.length;
    const end = Math.min(total, query.offset + query.limit);
    // Each image is UTF-8 encoded once; a page is a copy of those bytes, not a join and encode.
    const items: Json<VulRepoImageInfo>[] = [];
    for (let i = query.offset; i < end; i++)
      items.push(
        columns.fragments[matches === undefined ? i : (matches[i] as number)] as Json<VulRepoImageInfo>,
      );
    const page = renderPage(LIST, total, items);
    // Admitted on the second request only, so one-off pages (a paging client) do not churn it.
    // Long filters are not cached: the caches' keys would hold what clients send.
    if (key.length > MAX_CACHE_KEY) return page;
    if (this.seenPages.delete(key)) {
      this.pages.set(key, page);
      this.pageBytes += page.length;
      while (this.pages.size > PAGE_CACHE_SIZE || this.pageBytes > PAGE_CACHE_BYTES) {
        const [oldest, evicted] = this.pages.entries().next().value as [string, ListPage];
        this.pages.delete(oldest);
        this.pageBytes -= evicted.length;
      }
    } else {
      this.seenPages.add(key);
      if (this.seenPages.size > 4 * PAGE_CACHE_SIZE)
        this.seenPages.delete(this.seenPages.values().next().value as string);
    }
    return page;
  }

  /** Indices of the affected images that pass the filters; undefined when nothing is filtered. */
  private matchesOf(vulId: string, c: Columns, query: ListQuery): Int32Array | undefined {
    const ep = query.enterprise_project_id;
    const { namespace, image_id, image_name, app_name } = query;
    if (ep === ALL_EPS && !namespace && !image_id && !image_name && !app_name) return undefined;
    const key = JSON.stringify([
      vulId,
      ep,
      namespace ?? "",
      image_id ?? "",
      image_name ?? "",
      app_name ?? "",
    ]);
    const cached = this.matchCache.get(key);
    if (cached) {
      this.matchCache.delete(key);
      this.matchCache.set(key, cached);
      return cached;
    }
    const out: number[] = [];
    const anyEp = ep === ALL_EPS;
    const passes = (i: number) =>
      (anyEp || c.eps[i] === ep) &&
      (!namespace || c.namespaces[i] === namespace) &&
      (!image_id || c.imageIds[i] === image_id) &&
      (!app_name || c.apps[i] === app_name);
    if (image_name && !image_name.includes("\n")) {
      // indexOf over all names at once jumps from match to match; a name without "\n"
      // cannot span two images, and `starts` maps a position back to its image.
      const { joined, starts } = c;
      let i = 0;
      for (let pos = joined.indexOf(image_name); pos >= 0; pos = joined.indexOf(image_name, starts[i + 1])) {
        while ((starts[i + 1] as number) <= pos) i++;
        if (passes(i)) out.push(i);
      }
    } else {
      for (let i = 0; i < c.names.length; i++) {
        if (passes(i) && (!image_name || (c.names[i] as string).includes(image_name))) out.push(i);
      }
    }
    const matches = Int32Array.from(out);
    if (key.length > MAX_CACHE_KEY) return matches;
    this.matchCache.set(key, matches);
    if (this.matchCache.size > MATCH_CACHE_SIZE)
      this.matchCache.delete(this.matchCache.keys().next().value as string);
    return matches;
  }

  /** A vulnerability's affected images as columns, each serialized once and reused by every page. */
  private columnsOf(vulId: string): Columns | undefined {
    const cached = this.columns.get(vulId);
    if (cached) return cached;
    const vul = this.data.vulnerabilities.get(vulId);
    if (!vul) return undefined;
    const c: Columns = {
      names: [],
      eps: [],
      namespaces: [],
      imageIds: [],
      apps: [],
      fragments: [],
      joined: "",
      starts: new Int32Array(0),
    };
    for (const entry of vul.affected) {
      const image = this.data.images[entry.image] as Dataset["images"][number];
      c.names.push(image.image_name);
      c.eps.push(image.enterprise_project_id);
      c.namespaces.push(image.namespace);
      c.imageIds.push(image.image_id);
      c.apps.push(entry.app_name);
      const info: VulRepoImageInfo = {
        namespace: image.namespace,
        image_id: image.image_id,
        image_name: image.image_name,
        app_name: entry.app_name,
        version: entry.version,
        tag_count: image.tags.length,
        image_type: image.image_type,
        data_list: entry.tags.map((t) => {
          const tag = image.tags[t] as (typeof image.tags)[number];
          return { tag_id: tag.tag_id, tag_name: tag.tag_name, size: tag.size, app_name: entry.app_name };
        }),
      };
      c.fragments.push(json(info));
    }
    c.joined = `${c.names.join("\n")}\n`;
    c.starts = new Int32Array(c.names.length + 1);
    for (let i = 0, at = 0; i < c.names.length; i++) {
      at += (c.names[i] as string).length + 1;
      c.starts[i + 1] = at;
    }
    this.columns.set(vulId, c);
    return c;
  }

  /** BatchScanLocalImage: queue scans of the matching local images, or say what is wrong. */
  batchScan(body: LocalImageBatchScanRequestBody, enterpriseProjectId: string): BatchScanResult {
    const inScope = (image: LocalImage) =>
      enterpriseProjectId === ALL_EPS || image.enterprise_project_id === enterpriseProjectId;
    const targets = new Set<number>();
    if (body.operate_all === true) {
      this.data.localImages.forEach((image, i) => {
        if (inScope(image) && this.matchesFilters(i, body)) targets.add(i);
      });
    } else if (body.image_info_list && body.image_info_list.length > 0) {
      const violations: Violation[] = [];
      body.image_info_list.forEach((info, n) => {
        if (!info.image_id && !info.image_digest && !(info.image_name && info.image_version)) {
          violations.push({
            field: `image_info_list[${n}]`,
            location: "body",
            message: "needs image_id, image_digest, or image_name with image_version",
          });
          return;
        }
        const i = this.data.localImages.findIndex(
          (image) =>
            inScope(image) &&
            (info.image_id ? image.image_id === info.image_id : true) &&
            (info.image_digest ? image.image_digest === info.image_digest : true) &&
            (info.image_name ? image.image_name === info.image_name : true) &&
            (info.image_version ? image.image_version === info.image_version : true),
        );
        if (i < 0)
          violations.push({
            field: `image_info_list[${n}]`,
            location: "body",
            message: `matches no local image in enterprise project ${enterpriseProjectId}`,
          });
        else targets.add(i);
      });
      if (violations.length) return { violations };
    } else {
      return {
        violations: [
          {
            field: "operate_all",
            location: "body",
            message: "must be true, or image_info_list must list at least one image",
          },
        ],
      };
    }
    const now = this.now();
    for (const i of targets) {
      if (this.stateOf(i).scan_status === "scanning") continue;
      const count = (this.scanCounts.get(i) ?? 0) + 1;
      this.scanCounts.set(i, count);
      this.scans.set(i, { startedAt: now, outcome: this.outcomeOf(i, count) });
    }
    return { queued: targets.size };
  }

  private matchesFilters(i: number, body: LocalImageBatchScanRequestBody): boolean {
    const image = this.stateOf(i);
    const within = (value: number | null, from?: number, to?: number) =>
      (from === undefined || (value !== null && value >= from)) &&
      (to === undefined || (value !== null && value <= to));
    return (
      (body.image_name === undefined || image.image_name.includes(body.image_name)) &&
      (body.image_version === undefined || image.image_version === body.image_version) &&
      (body.local_image_type === undefined || image.local_image_type === body.local_image_type) &&
      (body.scan_status === undefined || image.scan_status === body.scan_status) &&
      (body.image_size === undefined || image.image_size === body.image_size) &&
      within(image.latest_update_time, body.start_latest_update_time, body.end_latest_update_time) &&
      within(image.latest_scan_time, body.start_latest_scan_time, body.end_latest_scan_time)
    );
  }

  /** The outcome of the n-th scan of an image: deterministic from the seed. */
  private outcomeOf(i: number, n: number): ScanStatus {
    const image = this.data.localImages[i] as LocalImage;
    if (image.image_size >= OVERSIZED_BYTES) return "image_oversized";
    const roll = hash32(`${this.data.seed}/scan/${image.image_id}/${n}`) % 100;
    return roll < 80 ? "success" : roll < 90 ? "failed" : "download_failed";
  }

  /** A local image with its scan state now. */
  stateOf(i: number): LocalImageState {
    const image = this.data.localImages[i] as LocalImage;
    const scan = this.scans.get(i);
    const scans = this.scanCounts.get(i) ?? 0;
    if (!scan) return { ...image, scans };
    const done = this.now() - scan.startedAt >= this.scanDurationMs;
    return {
      ...image,
      scans,
      scan_status: done ? scan.outcome : "scanning",
      latest_scan_time: done ? scan.startedAt + this.scanDurationMs : image.latest_scan_time,
    };
  }

  /** Every local image with its scan state now. */
  localImages(): LocalImageState[] {
    return this.data.localImages.map((_, i) => this.stateOf(i));
  }
}
