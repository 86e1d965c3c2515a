import { randomInt } from 'node:crypto';
import { slugify } from '../../towns/server/validation.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * URL slug for a new academy record: the text's slug (≤ 60 characters, commas kept as word breaks — the towns'
 * slugify drops everything after a comma, which is right for "Simmern, Stadt" but not for a title) plus a random
 * five-character suffix. The suffix keeps slugs unique without a read-then-write race (36⁵ ≈ 60 million per text).
 */
export function uniqueSlug(text: string, fallback: string): string {
  const base = slugify(text.replace(/,/g, ' ')).slice(0, 60).replace(/-+$/, '') || fallback;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${base}-${suffix}`;
}
