#!/usr/bin/env node
// Entry point of the `reslab` command. The CLI runs from the TypeScript sources through
// tsx's loader, so there is no compiled copy that can go stale; `npm run typecheck`
// checks types.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { register } from 'tsx/esm/api';

// OpenBLAS reads this when libtorch is loaded; its own thread pool fights libtorch's
// OpenMP pool on small matrices (findings.md: 68 ms -> 25 ms per MLP step).
process.env.OPENBLAS_NUM_THREADS ??= '1';
// `reslab … | head` closes the pipe early; that ends the output, it is not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
register();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
