import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { SANDBOX_CSP } from '../shared/sandboxCsp.ts';
import { crossOriginHeaders } from './crossOriginHeaders.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves the built client. Every response is cross-origin isolated; hashed assets are cached
 * forever, HTML never; sandbox.html carries the sandbox CSP; precompressed .br/.gz files (made at
 * build time) are served when the browser accepts them.
 */
export function serveClient(clientDir: string): Handler {
  if (!fs.existsSync(`${clientDir}/index.html`)) {
    throw new Error(`No built client in ${clientDir}: run "npm run build" first (or set PAIRLANE_CLIENT_DIR).`);
  }
  return sirv(clientDir, {
    dev: false,
    etag: true,
    gzip: true,
    brotli: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      for (const [name, value] of Object.entries(crossOriginHeaders)) res.setHeader(name, value);
      if (pathname.startsWith('/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        // Module scripts requested by the opaque-origin sandbox are CORS requests (Origin: null).
        res.setHeader('Access-Control-Allow-Origin', '*');
      } else {
        res.setHeader('Cache-Control', 'no-cache');
      }
      if (pathname === '/sandbox.html' || pathname === '/sandbox') {
        res.setHeader('Content-Security-Policy', SANDBOX_CSP);
      }
    },
  });
}
