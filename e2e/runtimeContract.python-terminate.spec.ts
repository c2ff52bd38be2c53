import { definePythonRuntimeContract } from './pythonRuntimeContract.ts';

// The path of a page without cross-origin isolation: Stop terminates the interpreter and boots a new one.
definePythonRuntimeContract('terminate');
