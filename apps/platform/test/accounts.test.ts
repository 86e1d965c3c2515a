import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import type { App } from '../src/lib/server/app.ts';
import { outbox } from '../src/lib/modules/mail/server/schema.ts';
import { users } from '../src/lib/modules/accounts/server/schema.ts';
import { ValidationError } from '../src/lib/server/validation.ts';

const origin = 'http://localhost:3000';

function linkIn(text: string, path: string): string {
  const match = new RegExp(`${origin}(?:/en)?${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in mail:\n${text}`);
  return match[1]!;
}

describe.each(engines)('accounts on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ app, dispose } = await engine.create()));
  afterAll(() => dispose());

  async function lastMail(to: string) {
    const rows = await app.db.select().from(outbox).where(eq(outbox.recipient, to));
    return rows.at(-1)!;
  }

  it('registers, confirms by mail, logs in and out', async () => {
    const email = 'Anna@Example.org';
    await app.accounts.register({ email, displayName: 'Anna', password: 'sehr-geheim-1', passwordRepeat: 'sehr-geheim-1', locale: 'de' }, origin, 'c1');
    const mail = await lastMail('anna@example.org');
    expect(mail.kind).toBe('confirm_email');
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');

    const before = await app.accounts.login({ email, password: 'sehr-geheim-1' }, 'c1');
    expect(before).toEqual({ ok: false, reason: 'unconfirmed' });

    expect(await app.accounts.confirmEmail(linkIn(mail.textBody, '/account/confirm'))).toBe(true);
    expect(await app.accounts.confirmEmail(linkIn(mail.textBody, '/account/confirm'))).toBe(false); // one-time

    const wrong = await app.accounts.login({ email, password: 'falsch-falsch' }, 'c1');
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    const login = await app.accounts.login({ email, password: 'sehr-geheim-1' }, 'c1');
    if (!login.ok) throw new Error('login failed');
    const session = await app.accounts.validateSession(login.token);
    expect(session?.user.email).toBe('anna@example.org');
    await app.accounts.logout(login.token);
    expect(await app.accounts.validateSession(login.token)).toBeNull();
  });

  it('does not reveal existing accounts on registration and leaves the data unchanged', async () => {
    await app.accounts.register({ email: 'anna@example.org', displayName: 'Fake', password: 'anderes-pw-1', passwordRepeat: 'anderes-pw-1' }, origin, 'c2');
    const mail = await lastMail('anna@example.org');
    expect(mail.kind).toBe('already_registered');
    const [user] = await app.db.select().from(users).where(eq(users.email, 'anna@example.org'));
    expect(user?.displayName).toBe('Anna');
  });

  it('names every invalid field with a message key', async () => {
    const error = await app.accounts
      .register({ email: 'kein-mail', displayName: '', password: 'kurz', passwordRepeat: 'anders' }, origin, 'c3')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({
      email: 'error_email_invalid',
      displayName: 'error_required',
      password: 'error_password_too_short',
      passwordRepeat: 'error_password_mismatch',
    });
    // The repetition is compared also when another field is unusable (Zod alone would skip the rule then).
    const other = await app.accounts
      .register({ email: 'neu@example.org', displayName: 'Neu', password: 'sehr-geheim-1', passwordRepeat: 'sehr-geheim-2', locale: 'fr' }, origin, 'c3')
      .catch((e: unknown) => e);
    expect((other as ValidationError).fields).toEqual({ locale: 'error_invalid', passwordRepeat: 'error_password_mismatch' });
  });

  it('resets a forgotten password and ends old sessions', async () => {
    const login = await app.accounts.login({ email: 'anna@example.org', password: 'sehr-geheim-1' }, 'c4');
    if (!login.ok) throw new Error('login failed');
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, origin, 'c4');
    const token = linkIn((await lastMail('anna@example.org')).textBody, '/account/reset');
    expect(await app.accounts.resetTokenValid(token)).toBe(true);
    await expect(app.accounts.resetPassword(token, { password: 'neues-passwort', passwordRepeat: 'x' })).rejects.toBeInstanceOf(ValidationError);
    expect(await app.accounts.resetPassword(token, { password: 'neues-passwort', passwordRepeat: 'neues-passwort' })).toBe(true);
    expect(await app.accounts.validateSession(login.token)).toBeNull();
    expect((await app.accounts.login({ email: 'anna@example.org', password: 'neues-passwort' }, 'c4')).ok).toBe(true);
    // Unknown addresses get the same answer and no mail.
    const count = (await app.db.select().from(outbox)).length;
    await app.accounts.requestPasswordReset({ email: 'niemand@example.org' }, origin, 'c4');
    expect((await app.db.select().from(outbox)).length).toBe(count);
  });

  it('rate-limits logins per address', async () => {
    let last;
    for (let i = 0; i < 11; i++) last = await app.accounts.login({ email: 'ziel@example.org', password: 'falsch-falsch' }, `c5-${i}`);
    expect(last).toMatchObject({ ok: false, reason: 'rate_limited' });
  });

  it('exports all own data without the password hash, then deletes the account', async () => {
    const [user] = await app.db.select().from(users).where(eq(users.email, 'anna@example.org'));
    const data = await app.accounts.exportData(user!.id);
    expect(data.profile.email).toBe('anna@example.org');
    expect(JSON.stringify(data)).not.toContain('argon2');
    expect(data.activity.map((a) => a.action)).toContain('account.registered');
    await expect(app.accounts.deleteAccount(user!.id, 'falsch-falsch')).rejects.toBeInstanceOf(ValidationError);
    await app.accounts.deleteAccount(user!.id, 'neues-passwort');
    expect(await app.accounts.findByEmail('anna@example.org')).toBeUndefined();
    expect((await app.db.select().from(outbox).where(eq(outbox.recipient, 'anna@example.org'))).length).toBe(0);
  });
});
