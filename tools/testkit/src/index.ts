/** Test helpers: real servers on 127.0.0.1, Prism as a child process, no fixed ports. */

export { SPEC_PATH } from "./paths.js";
export { type PrismOptions, type RunningPrism, startPrism } from "./prism.js";
export { type ReadmeExample, readmeExamples } from "./readme.js";
export { type RunningServer, startServer } from "./server.js";
export { copyRepository, ROOT, type Workspace } from "./workspace.js";
