/** Milliseconds of a monotonic clock where there is one (time limits of the solvers; no I/O). */
export const clock = (): number => globalThis.performance?.now() ?? Date.now();
