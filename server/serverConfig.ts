import path from 'node:path';

/** Everything the server reads from its environment, with the defaults the README lists. */
export interface ServerConfig {
  host: string;
  port: number;
  /** Folder of the built client (vite build output). */
  clientDir: string;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** Reads PAIRLANE_HOST, PAIRLANE_PORT and PAIRLANE_CLIENT_DIR; a bad value is an error, not a silent default. */
export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PAIRLANE_PORT === undefined || env.PAIRLANE_PORT === '' ? DEFAULT_PORT : Number(env.PAIRLANE_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PAIRLANE_PORT must be an integer from 0 to 65535, got "${env.PAIRLANE_PORT}"`);
  }
  return {
    host: env.PAIRLANE_HOST || DEFAULT_HOST,
    port,
    clientDir: path.resolve(env.PAIRLANE_CLIENT_DIR || 'dist/client'),
  };
}
