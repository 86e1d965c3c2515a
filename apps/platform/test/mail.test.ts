import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createApp, type App } from '../src/lib/server/app.ts';
import { loadConfig } from '../src/lib/server/config.ts';

/** A real SMTP server on loopback that keeps what it receives; `failNext` makes it reject one mail. */
function startSmtp() {
  const received: { to: string[]; data: string }[] = [];
  let failNext = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        if (failNext) {
          failNext = false;
          callback(new Error('mailbox unavailable'));
          return;
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: typeof received; failOnce(): void; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as { port: number };
      resolve({ port, received, failOnce: () => (failNext = true), close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe('mail outbox with a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: App;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await createApp({ ...loadConfig({}), publicOrigin: 'https://kleinstadt.example', dataDir: 'memory://', smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'Kleinstadtakademie <test@kleinstadt.example>' });
    await app.database.migrate();
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('delivers queued mails, marks them sent, and retries a failed one', async () => {
    expect(app.mailer.smtpConfigured).toBe(true);
    await app.accounts.register({ email: 'post@example.org', displayName: 'Post', password: 'briefträger-1', passwordRepeat: 'briefträger-1', locale: 'en' }, 'c');
    smtp.failOnce();
    expect(await app.mailer.dispatch()).toEqual({ sent: 0, failed: 1 });
    const [failed] = await app.mailer.list();
    expect(failed?.sentAt).toBeNull();
    expect(failed?.lastError).toContain('mailbox unavailable');

    expect(await app.mailer.dispatch()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['post@example.org']);
    expect(smtp.received[0]!.data).toContain('Subject: Please confirm your email address');
    // The body is quoted-printable: undo its soft line breaks before looking for the link.
    expect(smtp.received[0]!.data.replace(/=\r\n/g, '')).toContain('https://kleinstadt.example/en/account/confirm/');
    const [sent] = await app.mailer.list();
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(await app.mailer.dispatch()).toEqual({ sent: 0, failed: 0 });
  });

  it('passes List-Unsubscribe headers of notifications to SMTP, and no other caller headers', async () => {
    await app.accounts.createConfirmedUser({ email: 'folgt@example.org', password: 'Zukunft-2030-folgt', displayName: 'Folgt' });
    const user = (await app.accounts.findByEmail('folgt@example.org'))!;
    await app.notifications.notify(user.id, 'project_update', { subject: 'Neues aus dem Projekt', text: 'Es geht voran.' });
    await app.mailer.enqueue(app.db, { to: 'folgt@example.org', subject: 'x', text: 'y', kind: 'test', headers: { Bcc: 'spy@example.org', 'List-Id': 'evil\r\nBcc: spy@example.org' } });
    smtp.received.length = 0;
    expect(await app.mailer.dispatch()).toEqual({ sent: 2, failed: 0 });
    const data = smtp.received.map((r) => r.data.replace(/\r\n[ \t]+/g, ' '));
    expect(data[0]).toMatch(/^List-Unsubscribe: <https:\/\/kleinstadt\.example\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/m);
    expect(data[0]).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(smtp.received.flatMap((r) => r.to)).not.toContain('spy@example.org');
    expect(data[1]).not.toMatch(/^Bcc:/m);
  });
});
