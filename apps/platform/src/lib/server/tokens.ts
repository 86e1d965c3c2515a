import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe secret (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The form a token is stored in: its SHA-256, so stolen database rows cannot be used as tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
