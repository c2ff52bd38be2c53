import { definePythonRuntimeContract } from './pythonRuntimeContract.ts';

// In our cross-origin isolated page the sandbox gets shared memory: Stop interrupts (KeyboardInterrupt).
definePythonRuntimeContract('auto');
