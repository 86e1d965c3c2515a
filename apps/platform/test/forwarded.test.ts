import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyForwardedTrust, parseTrustedProxies } from '../src/lib/server/cli/forwarded.ts';

const request = (peer: string, headers: Record<string, string>) => ({ socket: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;
const env = { HOST_HEADER: 'x-forwarded-host', ADDRESS_HEADER: 'x-forwarded-for' };

describe('forwarded headers (X-Forwarded-Proto, host and address headers)', () => {
  it('are replaced by what the connection knows when a direct client sends them', () => {
    const req = request('203.0.113.9', { host: 'kleinstadt.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example', 'x-forwarded-for': '198.51.100.1' });
    applyForwardedTrust(req, parseTrustedProxies(undefined), env);
    expect(req.headers['x-forwarded-proto']).toBe('http');
    expect(req.headers['x-forwarded-host']).toBeUndefined();
    expect(req.headers['x-forwarded-for']).toBe('203.0.113.9');
    expect(req.headers.host).toBe('kleinstadt.example');
  });

  it('are kept from a configured proxy (address or range, IPv4-mapped IPv6 too)', () => {
    const trusted = parseTrustedProxies(' 127.0.0.1, 10.0.0.0/8 ,::1');
    for (const peer of ['127.0.0.1', '::ffff:127.0.0.1', '10.20.30.40', '::1']) {
      const req = request(peer, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'kleinstadt.example', 'x-forwarded-for': '198.51.100.1' });
      applyForwardedTrust(req, trusted, env);
      expect(req.headers, peer).toMatchObject({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'kleinstadt.example', 'x-forwarded-for': '198.51.100.1' });
    }
    const outside = request('11.0.0.1', { 'x-forwarded-proto': 'https' });
    applyForwardedTrust(outside, trusted, env);
    expect(outside.headers['x-forwarded-proto']).toBe('http');
  });

  it('default to http from a trusted proxy that sends no protocol', () => {
    const req = request('127.0.0.1', {});
    applyForwardedTrust(req, parseTrustedProxies('127.0.0.1'), {});
    expect(req.headers['x-forwarded-proto']).toBe('http');
  });

  it('refuse a malformed TRUSTED_PROXIES entry with a message naming it', () => {
    expect(() => parseTrustedProxies('127.0.0.1, proxy.local')).toThrow(/"proxy\.local"/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });
});
