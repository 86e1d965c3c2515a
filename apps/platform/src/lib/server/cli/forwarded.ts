import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Which peers may tell us the original protocol, host and client address of a request (X-Forwarded-Proto and the
 * headers named by HOST_HEADER and ADDRESS_HEADER). Anyone else could claim "https" or another client address to
 * slip past the CSRF check or the rate limits, so their forwarded headers are replaced by what the socket knows.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (!family || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)))) {
      throw Object.assign(new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1)`), { name: 'CliError' });
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return list;
}

function isTrusted(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const plain = mapped ? mapped[1]! : address;
  return list.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Makes a request's forwarded headers trustworthy before the app reads them: kept when the peer is a trusted proxy,
 * otherwise set from the connection itself (protocol http, the socket's address) or removed (the forwarded host).
 */
export function applyForwardedTrust(req: IncomingMessage, trusted: BlockList, env: NodeJS.ProcessEnv = process.env): void {
  const peer = req.socket.remoteAddress;
  if (isTrusted(trusted, peer)) {
    req.headers['x-forwarded-proto'] ??= 'http';
    return;
  }
  req.headers['x-forwarded-proto'] = 'http';
  const hostHeader = env.HOST_HEADER?.toLowerCase();
  if (hostHeader && hostHeader !== 'host') delete req.headers[hostHeader];
  const addressHeader = env.ADDRESS_HEADER?.toLowerCase();
  if (addressHeader) req.headers[addressHeader] = peer ?? '';
}
