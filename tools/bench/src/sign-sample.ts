/** The request both signing benchmarks sign (all.ts, client.ts): a BatchScanLocalImage as the API reference shows it. */
export const SIGN_SAMPLE = {
  method: "POST",
  url: "https://hss.cn-north-4.myhuaweicloud.com/v5/2b31ed520xxxxxxebedb6e57xxxxxxxx/image/local/batch-scan?enterprise_project_id=all_granted_eps",
  headers: {
    "Content-Type": "application/json",
    region: "cn-north-4",
    "X-Project-Id": "2b31ed520xxxxxxebedb6e57xxxxxxxx",
  },
  body: JSON.stringify({ operate_all: true, scan_status: "unscan", local_image_type: "swr_image" }),
};
