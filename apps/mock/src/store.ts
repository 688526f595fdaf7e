/**
 * The mock's state: the dataset, local images' scans, and the two operations' logic. Scan
 * states are evaluated lazily against the clock: a scan started at t is `scanning` until
 * t + scanDurationMs, then ends in its outcome, so a million images cost no timers.
 */
import type {
  ListVulRepoImageQuery,
  ListVulRepoImageResponseBody,
  LocalImageBatchScanRequestBody,
  ScanStatus,
  Violation,
} from "@hss/client";
import {
  type Dataset,
  type DatasetOptions,
  generateDataset,
  type LocalImage,
  OVERSIZED_BYTES,
} from "./dataset.js";
import { hash32 } from "./random.js";

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

/** The store behind the mock. */
export class MockStore {
  private data: Dataset;
  private scans = new Map<number, Scan>();
  private scanCounts = new Map<number, number>();
  private readonly fragments = new Map<string, string[]>();

  constructor(
    private options: DatasetOptions,
    private readonly scanDurationMs: number,
    private readonly now: () => number,
  ) {
    this.data = generateDataset(options);
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
      enterprise_project_ids: this.data.enterpriseProjects,
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
    this.data = generateDataset(this.options);
    this.fragments.clear();
    this.reset();
  }

  /**
   * ListVulRepoImage as a JSON string: filters (`image_name` substring, the others exact),
   * enterprise project scoping, then limit/offset over the dataset's stable order.
   */
  listVulRepoImageJson(
    vulId: string,
    query: Required<Pick<ListVulRepoImageQuery, "limit" | "offset" | "enterprise_project_id">> &
      ListVulRepoImageQuery,
  ): string {
    const vul = this.data.vulnerabilities.get(vulId);
    if (!vul) return '{"total_num":0,"data_list":[]}';
    const ep = query.enterprise_project_id;
    const { namespace, image_id, image_name, app_name } = query;
    const unfiltered = ep === ALL_EPS && !namespace && !image_id && !image_name && !app_name;
    const images = this.data.images;
    const fragments = this.fragmentsOf(vulId);
    const page: string[] = [];
    const end = query.offset + query.limit;
    let total = 0;
    if (unfiltered) {
      total = vul.affected.length;
      for (let i = query.offset; i < Math.min(end, total); i++) page.push(fragments[i] as string);
    } else {
      for (let i = 0; i < vul.affected.length; i++) {
        const entry = vul.affected[i] as (typeof vul.affected)[number];
        const image = images[entry.image] as (typeof images)[number];
        if (ep !== ALL_EPS && image.enterprise_project_id !== ep) continue;
        if (namespace && image.namespace !== namespace) continue;
        if (image_id && image.image_id !== image_id) continue;
        if (app_name && entry.app_name !== app_name) continue;
        if (image_name && !image.image_name.includes(image_name)) continue;
        if (total >= query.offset && total < end) page.push(fragments[i] as string);
        total++;
      }
    }
    return `{"total_num":${total},"data_list":[${page.join(",")}]}`;
  }

  /** The same, parsed: for callers that want objects. */
  listVulRepoImage(
    vulId: string,
    query: Parameters<MockStore["listVulRepoImageJson"]>[1],
  ): ListVulRepoImageResponseBody {
    return JSON.parse(this.listVulRepoImageJson(vulId, query));
  }

  /** Each affected image of a vulnerability serialized once, then reused by every page. */
  private fragmentsOf(vulId: string): string[] {
    let cached = this.fragments.get(vulId);
    if (cached) return cached;
    const vul = this.data.vulnerabilities.get(vulId);
    cached = (vul?.affected ?? []).map((entry) => {
      const image = this.data.images[entry.image] as Dataset["images"][number];
      return JSON.stringify({
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
      });
    });
    this.fragments.set(vulId, cached);
    return cached;
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
