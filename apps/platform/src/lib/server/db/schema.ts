// The database schema is owned by the modules; this file only gathers them for Drizzle and drizzle-kit.
export * from '../../modules/accounts/server/schema.ts';
export * from '../../modules/towns/server/schema.ts';
export * from '../../modules/atlas/server/schema.ts';
export * from '../../modules/mail/server/schema.ts';
export * from '../../modules/site/server/schema.ts';
export * from '../../modules/audit/server/schema.ts';
export * from '../../modules/academy/server/schema.ts';
export * from '../../modules/academy/server/events-schema.ts';
export * from '../../modules/processes/server/schema.ts';
export * from '../../modules/academy/server/network/schema.ts';
export * from '../../modules/academy/server/seismograph/schema.ts';
export * from '../../modules/academy/server/showcase/schema.ts';
export * from '../../modules/projects/server/schema.ts';
export * from '../../modules/vision/server/schema.ts';
export * from '../../modules/notifications/server/schema.ts';
export * from './setup-schema.ts';
