import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { engines } from './helpers/app.ts';
import type { App } from '../src/lib/server/app.ts';
import { seedDemo } from '../src/lib/server/setup.ts';
import { setupMarkers } from '../src/lib/server/db/setup-schema.ts';
import { projects, workingGroups } from '../src/lib/modules/projects/server/schema.ts';

/** `serve --demo` on a database whose demo content was edited must start, and must not bring the content back. */
describe.each(engines)('the demo content is seeded once, by marker, on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  const log: string[] = [];
  beforeAll(async () => ({ app, dispose } = await engine.create()));
  afterAll(() => dispose());

  it('seeds, then leaves edited and deleted demo content alone', async () => {
    await seedDemo(app, (m) => log.push(m));
    expect(await app.db.select().from(setupMarkers)).toHaveLength(1);
    const before = (await app.db.select().from(projects)).length;
    // A town renames a demo project and a working group and deletes another project (the content checks of the old
    // seeding then created duplicates and failed on the unique slug).
    const [first, second] = await app.db.select().from(projects).orderBy(projects.slug).limit(2);
    await app.db.update(projects).set({ slug: 'umbenannt', title: 'Umbenannt' }).where(eq(projects.id, first!.id));
    await app.db.delete(projects).where(eq(projects.id, second!.id));
    const [group] = await app.db.select().from(workingGroups).limit(1);
    await app.db.update(workingGroups).set({ slug: 'neue-gruppe' }).where(eq(workingGroups.id, group!.id));

    log.length = 0;
    await seedDemo(app, (m) => log.push(m));
    expect(log.join('\n')).toMatch(/not seeding again/);
    expect((await app.db.select().from(projects)).length).toBe(before - 1);
    expect((await app.db.select().from(projects).where(eq(projects.slug, first!.slug)))).toHaveLength(0);
  });

  it('marks databases seeded before the marker existed (migration 0018)', async () => {
    await app.db.delete(setupMarkers);
    const statements = readFileSync(new URL('../drizzle/0018_setup_markers.sql', import.meta.url), 'utf8').split('--> statement-breakpoint');
    await app.db.execute(sql.raw(statements.at(-1)!));
    expect((await app.db.select().from(setupMarkers)).map((m) => m.name)).toEqual(['demo']);
  });
});
