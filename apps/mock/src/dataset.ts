/**
 * The mock's data, generated deterministically from a seed: repository images with tags, the
 * vulnerabilities that affect them, and local images for batch scans. The same seed and sizes
 * always give the same data.
 */
import {
  BatchScanLocalImage,
  type LocalImageBatchScanRequestBody,
  type LocalImageInfo,
  type VulRepoImageInfo,
} from "@hss/client/spec";
import { createRandom, type Random } from "./random.js";

type ScanStatus = NonNullable<LocalImageBatchScanRequestBody["scan_status"]>;
type LocalImageType = NonNullable<LocalImageBatchScanRequestBody["local_image_type"]>;

/** One image in an image repository. */
export interface RepoImage {
  namespace: string;
  image_id: string;
  image_name: string;
  image_type: VulRepoImageInfo["image_type"];
  enterprise_project_id: string;
  tags: { tag_id: string; tag_name: string; size: number }[];
}

/** One image affected by a vulnerability: which software, which version, which tags. */
export interface Affected {
  image: number;
  app_name: string;
  version: string;
  tags: number[];
}

/** A vulnerability and the images it affects, in a stable order. */
export interface Vulnerability {
  vul_id: string;
  app_name: string;
  affected: Affected[];
}

/** An image on the user's own hosts. */
export interface LocalImage {
  image_id: string;
  image_digest: string;
  image_name: string;
  image_version: string;
  local_image_type: LocalImageType;
  image_size: number;
  latest_update_time: number;
  latest_scan_time: number | null;
  scan_status: ScanStatus;
  enterprise_project_id: string;
}

/** Everything the mock serves. */
export interface Dataset {
  seed: string;
  images: RepoImage[];
  vulnerabilities: Map<string, Vulnerability>;
  localImages: LocalImage[];
  enterpriseProjects: string[];
}

const NAMESPACES = [
  "library",
  "ops",
  "payments",
  "data-platform",
  "frontend",
  "ml",
  "security",
  "infra",
  "mobile",
  "search",
];
const BASES = [
  "nginx",
  "redis",
  "postgres",
  "node",
  "python",
  "openjdk",
  "alpine",
  "ubuntu",
  "busybox",
  "grafana",
  "prometheus",
  "kafka",
  "zookeeper",
  "elasticsearch",
  "mysql",
  "mongo",
  "httpd",
  "tomcat",
  "golang",
  "rabbitmq",
  "payment-api",
  "order-service",
  "user-service",
  "api-gateway",
  "web-frontend",
  "ml-inference",
  "etl-worker",
  "log-collector",
  "auth-service",
  "notification-service",
];
const TAGS = [
  "latest",
  "stable",
  "1.0.0",
  "1.1.2",
  "2.0.0",
  "2.3.1",
  "3.9-slim",
  "18-alpine",
  "2024.06",
  "2025.01",
  "v5.4.2",
  "release-7",
];
/** Well-known vulnerabilities with the software and version they are found in; `share` of images affected. */
const KNOWN = [
  ["CVE-2021-44228", "log4j-core", "2.14.1", 0.3],
  ["CVE-2014-0160", "openssl", "1.0.1f", 0.12],
  ["CVE-2022-22965", "spring-beans", "5.3.17", 0.08],
  ["CVE-2023-4863", "libwebp", "1.3.1", 0.1],
  ["CVE-2024-3094", "xz-utils", "5.6.0", 0.02],
  ["CVE-2021-3156", "sudo", "1.8.31", 0.15],
  ["CVE-2022-0778", "openssl", "1.1.1m", 0.2],
  ["CVE-2023-38545", "curl", "8.3.0", 0.18],
  ["CVE-2022-42889", "commons-text", "1.9", 0.05],
  ["CVE-2021-23017", "nginx", "1.20.0", 0.04],
  ["CVE-2023-44487", "golang.org/x/net", "0.15.0", 0.07],
  ["CVE-2019-5736", "runc", "1.0.0-rc6", 0.01],
  ["CVE-2022-37434", "zlib", "1.2.12", 0.25],
  ["CVE-2023-29491", "ncurses", "6.4", 0.22],
] as const;
const APPS = [
  "bash",
  "glibc",
  "binutils",
  "busybox",
  "expat",
  "libxml2",
  "sqlite",
  "perl",
  "python3",
  "pcre2",
  "libtiff",
  "git",
  "gnutls",
  "krb5",
  "systemd",
];

/** Sizes of the generated data. */
export interface DatasetOptions {
  seed: string | number;
  /** Repository images. */
  images: number;
  /** Local images (for batch scans). */
  localImages: number;
}

/** A fixed point in time the generated times are relative to, so they do not depend on the clock. */
export const DATASET_EPOCH = Date.UTC(2026, 0, 1);

function uuid(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Datasets still in memory, by seed and sizes. A suite that starts a mock per test (or reseeds back
 * to a seed it used) gets the same read-only data instead of generating it again: the data never
 * changes after generation, and each store keeps its own scans. Weak references: a dataset no mock
 * holds any more is collected as usual, and its entry goes with it.
 */
const generated = new Map<string, WeakRef<Dataset>>();
const collected = new FinalizationRegistry<string>((key) => {
  if (generated.get(key)?.deref() === undefined) generated.delete(key);
});

/** The dataset of these options: the one already in memory, or a newly generated one. */
export function datasetFor(options: DatasetOptions): Dataset {
  const key = `${options.seed}\n${options.images}\n${options.localImages}`;
  const known = generated.get(key)?.deref();
  if (known !== undefined) return known;
  const data = frozen(generateDataset(options));
  generated.set(key, new WeakRef(data));
  collected.register(data, key);
  return data;
}

/**
 * The dataset, frozen to its leaves (the vulnerabilities' Map aside, which only the store reads), so
 * that what mocks share cannot be changed by one of them.
 */
function frozen(data: Dataset): Dataset {
  for (const image of data.images) {
    for (const tag of image.tags) Object.freeze(tag);
    Object.freeze(image.tags);
    Object.freeze(image);
  }
  for (const vulnerability of data.vulnerabilities.values()) {
    for (const affected of vulnerability.affected) {
      Object.freeze(affected.tags);
      Object.freeze(affected);
    }
    Object.freeze(vulnerability.affected);
    Object.freeze(vulnerability);
  }
  for (const image of data.localImages) Object.freeze(image);
  Object.freeze(data.images);
  Object.freeze(data.localImages);
  Object.freeze(data.enterpriseProjects);
  return Object.freeze(data);
}

/** Generates the dataset. */
export function generateDataset(options: DatasetOptions): Dataset {
  const seed = String(options.seed);
  const root = createRandom(seed);
  const epRandom = root.fork("ep");
  const enterpriseProjects = ["0", uuid(epRandom), uuid(epRandom), uuid(epRandom)];
  const images = generateImages(root.fork("images"), options.images, enterpriseProjects);
  const vulnerabilities = generateVulnerabilities(root.fork("vulnerabilities"), images);
  const localImages = withExampleImages(
    generateLocalImages(root.fork("local"), options.localImages, enterpriseProjects),
  );
  return { seed, images, vulnerabilities, localImages, enterpriseProjects };
}

function generateImages(random: Random, count: number, eps: string[]): RepoImage[] {
  const seen = new Map<string, number>();
  const images: RepoImage[] = [];
  for (let i = 0; i < count; i++) {
    const namespace = random.pick(NAMESPACES);
    const base = random.pick(BASES);
    const n = (seen.get(`${namespace}/${base}`) ?? 0) + 1;
    seen.set(`${namespace}/${base}`, n);
    const tagCount = random.int(1, 5);
    const tagNames = new Set<string>();
    while (tagNames.size < tagCount) tagNames.add(random.pick(TAGS));
    images.push({
      namespace,
      image_id: random.hex(12),
      image_name: n === 1 ? base : `${base}-${n}`,
      image_type: random.next() < 0.7 ? "private_image" : "shared_image",
      enterprise_project_id: random.next() < 0.8 ? "0" : (eps[random.int(1, eps.length - 1)] as string),
      tags: [...tagNames].map((tag_name) => ({
        tag_id: random.hex(16),
        tag_name,
        size: random.int(5_000_000, 1_500_000_000),
      })),
    });
  }
  return images;
}

function generateVulnerabilities(random: Random, images: RepoImage[]): Map<string, Vulnerability> {
  const specs: [string, string, string, number][] = KNOWN.map(([id, app, version, share]) => [
    id,
    app,
    version,
    share,
  ]);
  const extra = Math.max(10, Math.min(200, Math.floor(images.length / 500)));
  const ids = new Set(specs.map((s) => s[0]));
  while (specs.length < KNOWN.length + extra) {
    const id = `CVE-${random.int(2015, 2026)}-${random.int(1000, 99999).toString().padStart(5, "0")}`;
    if (ids.has(id)) continue;
    ids.add(id);
    specs.push([
      id,
      random.pick(APPS),
      `${random.int(0, 9)}.${random.int(0, 30)}.${random.int(0, 20)}`,
      random.int(1, 60) / 1000,
    ]);
  }
  const out = new Map<string, Vulnerability>();
  for (const [vul_id, app_name, version, share] of specs) {
    const affected: Affected[] = [];
    for (let image = 0; image < images.length; image++) {
      if (random.next() >= share) continue;
      const tagTotal = (images[image] as RepoImage).tags.length;
      const tags: number[] = [];
      for (let t = 0; t < tagTotal; t++) if (t === 0 || random.next() < 0.5) tags.push(t);
      affected.push({
        image,
        app_name,
        version: random.next() < 0.8 ? version : `${version}-r${random.int(1, 9)}`,
        tags,
      });
    }
    out.set(vul_id, { vul_id, app_name, affected });
  }
  return out;
}

const STATUSES: ScanStatus[] = ["unscan", "success", "failed", "download_failed"];
/** Images larger than this end as `image_oversized` when scanned. */
export const OVERSIZED_BYTES = 2_500_000_000;

function generateLocalImages(random: Random, count: number, eps: string[]): LocalImage[] {
  const out: LocalImage[] = [];
  for (let i = 0; i < count; i++) {
    const swr = random.next() < 0.6;
    const base = random.pick(BASES);
    const image_size =
      random.next() < 0.05
        ? random.int(OVERSIZED_BYTES, 4_000_000_000)
        : random.int(5_000_000, 1_800_000_000);
    const latest_update_time = DATASET_EPOCH - random.int(0, 90 * 86_400_000);
    let scan_status = random.pick(STATUSES);
    if (scan_status !== "unscan" && image_size >= OVERSIZED_BYTES) scan_status = "image_oversized";
    out.push({
      image_id: uuid(random),
      image_digest: `sha256:${random.hex(64)}`,
      image_name: swr
        ? `swr.cn-north-4.myhuaweicloud.com/${random.pick(NAMESPACES)}/${base}`
        : `docker.io/library/${base}`,
      image_version: random.pick(TAGS),
      local_image_type: swr ? "swr_image" : "other_image",
      image_size,
      latest_update_time,
      latest_scan_time: scan_status === "unscan" ? null : latest_update_time + random.int(60_000, 86_400_000),
      scan_status,
      enterprise_project_id: random.next() < 0.8 ? "0" : (eps[random.int(1, eps.length - 1)] as string),
    });
  }
  return out;
}

/**
 * The local images that the spec's request examples name take the last places of the list (in
 * the default enterprise project), so every request example of the spec is a request the mock
 * accepts.
 */
function withExampleImages(images: LocalImage[]): LocalImage[] {
  const named = (
    BatchScanLocalImage.requestBody.examples as readonly LocalImageBatchScanRequestBody[]
  ).flatMap((example) => example.image_info_list ?? []);
  const from = Math.max(0, images.length - named.length);
  named.slice(0, images.length).forEach((info: LocalImageInfo, i) => {
    const image = images[from + i] as LocalImage;
    images[from + i] = {
      ...image,
      ...info,
      local_image_type: info.image_name?.startsWith("swr.") ? "swr_image" : image.local_image_type,
      enterprise_project_id: "0",
    };
  });
  return images;
}
