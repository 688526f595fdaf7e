/**
 * The mock that `--mock` starts, built as its own file (dist/mock.cjs) and required only then,
 * so that the CLI's start-up never loads the mock's code.
 */
export { startMockServer } from "@hss/mock";
