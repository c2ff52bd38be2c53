/**
 * Content-Security-Policy the server sends with sandbox.html, the document that hosts user code.
 *
 * - `sandbox allow-scripts` gives the document an opaque origin even if it is opened directly (not
 *   only through the iframe's attribute): no cookies, no storage, no access to the app's window.
 * - `script-src 'self'` loads the sandbox page's own module script (a CORS request with
 *   Origin: null, so /assets/ must answer with Access-Control-Allow-Origin); `blob:` lets each
 *   worker import the runner and the user's bundles, which the app sends as text and the sandbox
 *   turns into blobs; `'unsafe-eval'` keeps `eval`/`new Function` working in user programs as
 *   they do in Node (the origin is opaque and cut off from the network, so eval reaches nothing
 *   the user's code could not already reach).
 * - `worker-src blob:` lets the sandbox start the per-run worker from a blob. Workers created from
 *   blobs inherit this policy, so user code in them is bound by it too.
 * - `connect-src 'none'` stops fetch, XHR, WebSocket and EventSource to any server, ours included.
 * - `frame-ancestors 'self'` keeps other sites from embedding the sandbox.
 */
export const SANDBOX_CSP = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "script-src 'self' blob: 'unsafe-eval'",
  'worker-src blob:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');
