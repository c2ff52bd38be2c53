import { defineRuntimeContract } from './runtimeContract.ts';

// The offline runtime must always work: a boot failure fails every test with its reason.
defineRuntimeContract('worker');
