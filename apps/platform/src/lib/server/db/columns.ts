import { customType, integer, text } from 'drizzle-orm/pg-core';

/** Binary column (re-encoded images); PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * The columns of one required photo as the photo pipeline (processes/server/photos.ts) stores it: its alt text, the
 * re-encoded size and both WebP variants. Spread into every photo table, so they all hold the same thing.
 */
export const photoColumns = () => ({
  altText: text('alt_text').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  /** WebP, at most 1600 px on the long side. */
  image: bytea('image').notNull(),
  /** WebP, at most 400 px on the long side. */
  thumbnail: bytea('thumbnail').notNull(),
});
