import { defineRuntimeContract } from './runtimeContract.ts';

// WebContainer loads its runtime from stackblitz.com and installs from the npm registry. Where it
// cannot boot in time (offline, or the e2e page blocking every non-loopback request), each test
// is skipped with the boot failure's reason; it never passes without running.
defineRuntimeContract('webcontainer', { skipWhenUnavailable: true, bootTimeoutMs: 8_000 });
