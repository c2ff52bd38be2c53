#!/usr/bin/env node
// The `pairlane` command. The CLI is TypeScript (server/cli/main.ts); tsx's loader is registered
// in this process so it runs as is, from a fresh clone after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
