import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppConfig } from '../config.ts';
import { findMigrationsFolder } from '../db/client.ts';
import { applyForwardedTrust, parseTrustedProxies } from './forwarded.ts';

interface Io {
  out(text: string): void;
  err(text: string): void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Serves the built SvelteKit app (adapter-node's handler) on plain HTTP. The connection itself is http, so unless a
 * reverse proxy says otherwise (X-Forwarded-Proto), requests are treated as http — that keeps Kit's CSRF origin check
 * working locally and behind a TLS-terminating proxy alike. Forwarded headers count only from the proxies listed in
 * TRUSTED_PROXIES (forwarded.ts).
 */
export async function serve(config: AppConfig, io: Io, demoAdmin?: { email: string; password: string }): Promise<void> {
  const appDir = dirname(findMigrationsFolder());
  const handlerPath = join(appDir, 'build', 'handler.js');
  if (!existsSync(handlerPath)) throw Object.assign(new Error(`The platform is not built yet (${handlerPath} is missing). Run: npm run build`), { name: 'CliError' });
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  // Photo uploads of meeting results (up to 10 MB each) need more than adapter-node's 512 kB default.
  process.env.BODY_SIZE_LIMIT ??= '25M';
  const trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: Handler };

  const server = createServer((req, res) => {
    applyForwardedTrust(req, trustedProxies);
    oneClickUnsubscribe(req);
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const url = `http://localhost:${config.port}`;
  io.out(`\nKleinstadtakademie is running at ${url}`);
  if (demoAdmin) io.out(`Log in as the demo admin at ${url}/account/login with ${demoAdmin.email} / ${demoAdmin.password}`);
  io.out('Press Ctrl+C to stop.');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.err(`\n${signal} received, shutting down …`);
      server.close(() => {
        // The app closes its database on this event (PGlite would keep the process alive otherwise).
        process.emit('sveltekit:shutdown' as never, signal as never);
        resolve();
      });
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 10_000).unref();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * RFC 8058 one-click unsubscribe: mail programs POST `List-Unsubscribe=One-Click` to the link from their own servers,
 * without an Origin of ours, which Kit's CSRF check would refuse. The unsubscribe and the project unfollow pages
 * (`/unsubscribe/<token>`, `/unfollow/<token>`) authorise by their signed token alone and never read the session, so
 * cross-site POSTs are harmless there: for exactly those paths, the request is given our own origin. Every other path keeps the CSRF check.
 */
export function oneClickUnsubscribe(req: IncomingMessage): void {
  if (req.method !== 'POST' || !/^(\/en)?\/(unsubscribe|unfollow)\/[A-Za-z0-9_.-]+\/?$/.test((req.url ?? '').split('?')[0]!)) return;
  const hostHeader = process.env.HOST_HEADER?.toLowerCase();
  const host = (hostHeader && req.headers[hostHeader]) || req.headers.host;
  const proto = String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0]!.trim();
  if (host) req.headers.origin = `${proto}://${String(host)}`;
}
