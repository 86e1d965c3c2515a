import { resolve } from 'node:path';

/** Runtime configuration, read once from the environment. Every setting has a default that works locally. */
export interface AppConfig {
  /** PostgreSQL server connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PGlite database. */
  dataDir: string;
  /** Port of the HTTP server. */
  port: number;
  /** Host the HTTP server binds to. */
  host: string;
  /** Public origin used in links inside e-mails (e.g. https://kleinstadt.example.de). */
  publicOrigin: string;
  /** SMTP connection URL (smtp://user:pass@host:587); without it mails stay in the outbox. */
  smtpUrl: string | undefined;
  /** Sender address of outgoing mails. */
  mailFrom: string;
  /** Folder with the official data files (../shared/data in development). */
  officialDataDir: string | undefined;
  /** Production mode hides internals from error pages. */
  production: boolean;
  /** Installation-specific legal texts (Impressum etc.) may be overridden by Markdown files in this folder. */
  legalDir: string | undefined;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got "${value}"`);
  }
  return parsed;
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = intFrom(env.PORT, 3000, 'PORT');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.KLEINSTADT_DATA_DIR || 'data'),
    port,
    host: env.HOST || '0.0.0.0',
    publicOrigin: (env.PUBLIC_ORIGIN || `http://localhost:${port}`).replace(/\/$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Kleinstadtakademie <no-reply@kleinstadtakademie.localhost>',
    officialDataDir: env.KLEINSTADT_OFFICIAL_DATA || undefined,
    production: env.NODE_ENV === 'production',
    legalDir: env.KLEINSTADT_LEGAL_DIR || undefined,
  };
}
