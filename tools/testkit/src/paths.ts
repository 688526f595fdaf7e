import { fileURLToPath } from "node:url";

/** Absolute path of the spec, the single source of truth. */
export const SPEC_PATH = fileURLToPath(new URL("../../../spec/hss.openapi.yaml", import.meta.url));
