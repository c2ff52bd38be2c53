import { createRequire } from 'node:module';

/** The version in package.json, reported by /healthz and in `welcome`. */
export const SERVER_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
