/**
 * Cross-origin isolation for every page we serve: WebContainer and SharedArrayBuffer need
 * COOP same-origin + COEP require-corp. CORP cross-origin lets the opaque-origin sandbox
 * (which counts as another origin) load our static assets.
 */
export const crossOriginHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;
