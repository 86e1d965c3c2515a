import { and, eq } from 'drizzle-orm';
import type { App } from '../../../server/app.ts';
import { platformRoles } from '../../accounts/server/schema.ts';
import { memberships, towns } from '../../towns/server/schema.ts';

/** Demo accounts of the academy (same password as the demo admin). */
export const ACADEMY_DEMO_ACCOUNTS = {
  editor: { email: 'redaktion@kleinstadt.example', displayName: 'Akademie-Redaktion' },
  kastellaun: { email: 'kastellaun@kleinstadt.example', displayName: 'Stadtverwaltung Kastellaun', town: 'kastellaun' },
  malente: { email: 'malente@kleinstadt.example', displayName: 'Gemeindeverwaltung Malente', town: 'malente' },
} as const;

/** Creates the academy editor and two town admins (Kastellaun, Malente) for the demo. Idempotent. */
export async function seedAcademyAccounts(app: App, password: string, log: (m: string) => void): Promise<void> {
  const { editor, kastellaun, malente } = ACADEMY_DEMO_ACCOUNTS;
  const editorUser = await app.accounts.createConfirmedUser({ ...editor, password });
  await app.db.insert(platformRoles).values({ userId: editorUser.id, role: 'academy_editor' }).onConflictDoNothing();
  for (const account of [kastellaun, malente]) {
    const user = await app.accounts.createConfirmedUser({ email: account.email, displayName: account.displayName, password });
    const [town] = await app.db.select({ id: towns.id }).from(towns).where(eq(towns.slug, account.town));
    if (!town) continue;
    const [member] = await app.db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.townId, town.id)));
    if (!member) await app.db.insert(memberships).values({ userId: user.id, townId: town.id, role: 'town_admin' });
  }
  log(`Academy demo accounts: ${editor.email} (editor), ${kastellaun.email}, ${malente.email} (town admins).`);
}
