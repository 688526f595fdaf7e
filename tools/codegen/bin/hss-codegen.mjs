#!/usr/bin/env node
// Runs the TypeScript generator without a build step (tsx), so `generate` needs nothing built first.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
