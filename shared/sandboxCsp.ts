/**
 * Content-Security-Policy the server sends with sandbox.html, the document that hosts user code.
 * `sandbox allow-scripts` gives it an opaque origin even if it is opened directly (not only
 * through the iframe's attribute); `connect-src 'none'` stops user code from calling any server,
 * ours included. Workers created from blobs inherit this policy.
 */
export const SANDBOX_CSP = [
  'sandbox allow-scripts',
  "default-src 'none'",
  "script-src 'self' blob:",
  'worker-src blob:',
  "connect-src 'none'",
  "style-src 'unsafe-inline'",
].join('; ');
