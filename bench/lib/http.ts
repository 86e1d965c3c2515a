/**
 * Shared by the HTTP benchmarks (bench/http, bench/atlas): autocannon with exact percentiles, waiting for a spawned
 * platform to answer, and a throw-away PostgreSQL database.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs autocannon after a 2 s warm-up and computes p50/p95/p99 from every response time (autocannon reports no p95). */
export async function load(url: string, connections: number, duration: number): Promise<LoadResult> {
  await autocannon({ url, connections, duration: 2 });
  const times: number[] = [];
  const instance = autocannon({ url, connections, duration });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { rps: result.requests.average, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: result.errors + result.non2xx };
}

/** Polls `url` until it answers 2xx; fails when the child process exits or after `seconds`. */
export async function waitFor(url: string, child: ChildProcess, seconds = 240): Promise<void> {
  for (let i = 0; i < seconds * 2; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/** A fresh database on BENCH_DATABASE_URL's server (default 127.0.0.1:5432); undefined when no server answers. */
export async function temporaryPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `kleinstadt_bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  try {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
  } catch {
    return undefined;
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
