#!/usr/bin/env node
// The `modelsec` executable: a thin launcher for the built CLI (see src/run.ts).
import { runCli } from '../dist/index.js';

process.exitCode = await runCli(process.argv.slice(2));
