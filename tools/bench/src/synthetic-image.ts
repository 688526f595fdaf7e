/**
 * The repository image a ListVulRepoImage page carries, made up from its index: the page server's
 * items and the validation benchmark's page (each as the spec's VulRepoImageInfo).
 */
export const syntheticImage = (i: number) => ({
  namespace: "library",
  image_id: `sha256-${i.toString(16).padStart(12, "0")}`,
  image_name: `app-${i % 997}`,
  app_name: "openssl",
  version: "1.1.1k",
  tag_count: 2,
  image_type: i % 2 ? "private_image" : "shared_image",
  data_list: [
    { tag_id: `t${i}a`, tag_name: "latest", size: 73_400_320, app_name: "openssl" },
    { tag_id: `t${i}b`, tag_name: "v1.2.3", size: 73_400_000, app_name: "openssl" },
  ],
});
