import { defineRuntimeContract } from './runtimeContract.ts';

// The WebContainer runtime's own code (in the harness page: mounting, npm install and its cache,
// vitest with both reporters, tsx programs, framing, time limits, stop, output cap, the report
// mapping) against a container bridged to Node on this machine. StackBlitz's container is the
// one part not exercised; runtimeContract.webcontainer.spec.ts runs it where it can boot.
defineRuntimeContract('webcontainer', { containerBridge: true });
