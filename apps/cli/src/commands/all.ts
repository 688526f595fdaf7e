/**
 * Every command's implementation, built as a file of its own (dist/commands.cjs) and loaded
 * when a command runs or shows its help: `hss --help` needs only the command table.
 */
export { completion } from "./completion.js";
export { configure } from "./configure.js";
export { mock } from "./mock.js";
export { operationCommand } from "./operation.js";
