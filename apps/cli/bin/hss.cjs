#!/usr/bin/env node
// The `hss` command: the bundle in dist/ (built by `pnpm build`). A file of its own so that the
// package manager can link the command before the first build.
require("../dist/hss.cjs");
