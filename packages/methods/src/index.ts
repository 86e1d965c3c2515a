// Public entry point of the pure methods library. Each method lives in its own folder and is re-exported here.
export * as opinion from './opinion/index.ts';
export * as cib from './cib/index.ts';
export * as influence from './influence/index.ts';
export * as consistency from './consistency/index.ts';
export * as schedule from './schedule/index.ts';
export { createRng, shuffle, type Rng } from './random.ts';
