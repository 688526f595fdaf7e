#!/usr/bin/env node
// The `hss-mock` command: dist/bin.js (built by `pnpm build`). A file of its own so that the
// package manager can link the command before the first build.
import "../dist/bin.js";
