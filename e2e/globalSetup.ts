import path from 'node:path';
import { createServer } from '../server/createServer.ts';

/**
 * Starts one real server for the whole e2e run on a free loopback port, serving the built client.
 * Test workers read its URL from PAIRLANE_E2E_URL (environment set here reaches them).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const clientDir = path.resolve(process.env.PAIRLANE_CLIENT_DIR || 'dist/client');
  const server = await createServer({ host: '127.0.0.1', port: 0, clientDir });
  process.env.PAIRLANE_E2E_URL = server.url;
  return () => server.close();
}
