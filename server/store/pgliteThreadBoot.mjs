// Starts the PGlite thread (pgliteThread.ts). The thread is TypeScript like the rest of the
// server, so it registers tsx's loader in itself first, as bin/pairlane.mjs does, whatever
// started the server's process (tsx, vitest, node --import tsx).
import { register } from 'tsx/esm/api';

register();
await import('./pgliteThread.ts');
