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
    await app.accounts.register({ email, displayName: 'Anna', password: 'sehr-geheim-1', passwordRepeat: 'sehr-geheim-1', locale: 'de' }, 'c1');
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
    await app.accounts.register({ email: 'anna@example.org', displayName: 'Fake', password: 'anderes-pw-1', passwordRepeat: 'anderes-pw-1' }, 'c2');
    const mail = await lastMail('anna@example.org');
    expect(mail.kind).toBe('already_registered');
    const [user] = await app.db.select().from(users).where(eq(users.email, 'anna@example.org'));
    expect(user?.displayName).toBe('Anna');
  });

  it('names every invalid field with a message key', async () => {
    const error = await app.accounts
      .register({ email: 'kein-mail', displayName: '', password: 'kurz', passwordRepeat: 'anders' }, 'c3')
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
      .register({ email: 'neu@example.org', displayName: 'Neu', password: 'sehr-geheim-1', passwordRepeat: 'sehr-geheim-2', locale: 'fr' }, 'c3')
      .catch((e: unknown) => e);
    expect((other as ValidationError).fields).toEqual({ locale: 'error_invalid', passwordRepeat: 'error_password_mismatch' });
  });

  it('resets a forgotten password and ends old sessions', async () => {
    const login = await app.accounts.login({ email: 'anna@example.org', password: 'sehr-geheim-1' }, 'c4');
    if (!login.ok) throw new Error('login failed');
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, 'c4');
    const token = linkIn((await lastMail('anna@example.org')).textBody, '/account/reset');
    expect(await app.accounts.resetTokenValid(token)).toBe(true);
    await expect(app.accounts.resetPassword(token, { password: 'neues-passwort', passwordRepeat: 'x' })).rejects.toBeInstanceOf(ValidationError);
    expect(await app.accounts.resetPassword(token, { password: 'neues-passwort', passwordRepeat: 'neues-passwort' })).toBe(true);
    expect(await app.accounts.validateSession(login.token)).toBeNull();
    expect((await app.accounts.login({ email: 'anna@example.org', password: 'neues-passwort' }, 'c4')).ok).toBe(true);
    // Unknown addresses get the same answer and no mail.
    const count = (await app.db.select().from(outbox)).length;
    await app.accounts.requestPasswordReset({ email: 'niemand@example.org' }, 'c4');
    expect((await app.db.select().from(outbox)).length).toBe(count);
  });

  it('ends every older reset link when one is used or the password changes', async () => {
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, 'c4b');
    const older = linkIn((await lastMail('anna@example.org')).textBody, '/account/reset');
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, 'c4b');
    const newer = linkIn((await lastMail('anna@example.org')).textBody, '/account/reset');
    expect(older).not.toBe(newer);
    expect(await app.accounts.resetPassword(newer, { password: 'neues-passwort', passwordRepeat: 'neues-passwort' })).toBe(true);
    expect(await app.accounts.resetTokenValid(older)).toBe(false);
    expect(await app.accounts.resetPassword(older, { password: 'uebernommen-1', passwordRepeat: 'uebernommen-1' })).toBe(false);

    // A password change ends pending reset links too.
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, 'c4b');
    const pending = linkIn((await lastMail('anna@example.org')).textBody, '/account/reset');
    const login = await app.accounts.login({ email: 'anna@example.org', password: 'neues-passwort' }, 'c4b');
    if (!login.ok) throw new Error('login failed');
    await app.accounts.changePassword(login.user.id, { currentPassword: 'neues-passwort', password: 'neues-passwort', passwordRepeat: 'neues-passwort' }, login.token);
    expect(await app.accounts.resetTokenValid(pending)).toBe(false);
  });

  it('builds mail links from the configured public origin only', async () => {
    await app.accounts.requestPasswordReset({ email: 'anna@example.org' }, 'c4c');
    const text = (await lastMail('anna@example.org')).textBody;
    expect(text).toMatch(new RegExp(`${app.config.publicOrigin}/account/reset/[A-Za-z0-9_-]+`));
    expect(text.match(/https?:\/\/[^/\s]+/g)!.every((o) => o === app.config.publicOrigin)).toBe(true);
  });

  it('stops a client that keeps failing, but never locks the owner out', async () => {
    await app.accounts.createConfirmedUser({ email: 'ziel@example.org', password: 'richtig-richtig', displayName: 'Ziel' });
    // One client guessing: stopped after 10 failures, even with the right password then.
    for (let i = 0; i < 10; i++) expect(await app.accounts.login({ email: 'ziel@example.org', password: `falsch-${i}-x` }, 'attacker')).toMatchObject({ reason: 'invalid' });
    expect(await app.accounts.login({ email: 'ziel@example.org', password: 'richtig-richtig' }, 'attacker')).toMatchObject({ ok: false, reason: 'rate_limited' });
    // Many clients guessing: the account is under attack, so a client that failed once gets no second guess …
    for (let i = 0; i < 20; i++) await app.accounts.login({ email: 'ziel@example.org', password: 'falsch-falsch' }, `botnet-${i}`);
    expect(await app.accounts.login({ email: 'ziel@example.org', password: 'richtig-richtig' }, 'botnet-3')).toMatchObject({ ok: false, reason: 'rate_limited' });
    // … while the owner, from a client that has not failed, still logs in.
    expect((await app.accounts.login({ email: 'ziel@example.org', password: 'richtig-richtig' }, 'owner')).ok).toBe(true);
    // Other accounts are not affected by the attacker's failures on this one.
    expect(await app.accounts.login({ email: 'niemand@example.org', password: 'falsch-falsch' }, 'attacker')).toMatchObject({ reason: 'invalid' });
  });

  it('caps the attempts of one client across all accounts', async () => {
    let last;
    for (let i = 0; i < 31; i++) last = await app.accounts.login({ email: `konto-${i}@example.org`, password: 'falsch-falsch' }, 'sprayer');
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
