// Public entry point of the pure methods library. Each method lives in its own folder and is re-exported here.
export {};
export * as opinion from './opinion/index.ts';
