import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { engines } from './helpers/app.ts';
import { testActor } from './helpers/actors.ts';
import type { App } from '../src/lib/server/app.ts';
import { ForbiddenError, type Actor } from '../src/lib/server/permissions.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedDemoProcesses } from '../src/lib/modules/processes/server/demo-seed.ts';
import { components, processes } from '../src/lib/modules/processes/server/schema.ts';
import { towns } from '../src/lib/modules/towns/server/schema.ts';
import { componentTypeKeys, type ComponentTypeKey } from '../src/lib/modules/processes/component-types.ts';
import { componentDefinitions, componentTypes, produceExport } from '../src/lib/modules/processes/server/components/index.ts';
import { defineComponent, storesNoPersonalData, type ComponentDefinition } from '../src/lib/modules/processes/server/components/define.ts';
import { infoComponent } from '../src/lib/modules/processes/server/components/info.ts';
import type { PageContext } from '../src/lib/modules/processes/server/pages/types.ts';

describe('component definitions', () => {
  it('cover every type key, each with a page, exports and a personal-data provider', () => {
    expect(Object.keys(componentDefinitions).sort()).toEqual([...componentTypeKeys].sort());
    for (const definition of componentTypes()) {
      expect(typeof definition.page.load, definition.type).toBe('function');
      expect(typeof definition.personalData.collect, definition.type).toBe('function');
      for (const e of definition.exports) expect(Object.keys(definition.actions), `${definition.type} ${e.path}`).toContain(e.action);
    }
  });

  it('are checked by the compiler (these lines must not compile; svelte-check fails if one does)', () => {
    // Only type-checked, never run: each call lacks or breaks a part on purpose.
    const neverRun = () => {
      const base = { type: 'info', label: { de: 'x', en: 'x' }, description: { de: 'x', en: 'x' }, settings: z.object({}), phaseSettings: z.object({}), page: infoComponent.page, personalData: storesNoPersonalData } as const;
      // @ts-expect-error a definition without exports
      defineComponent({ ...base, actions: {} });
      // @ts-expect-error an export guarded by an action the type does not offer
      defineComponent({ ...base, actions: { view: infoComponent.actions.view }, exports: [{ label: base.label, path: 'a.csv', format: 'csv', action: 'moderate', openData: false, produce: async () => ({ body: '', contentType: 'text/csv', filename: 'a.csv' }) }] });
      // @ts-expect-error a registry that lacks a type
      const partial: { [K in ComponentTypeKey]: ComponentDefinition<K> } = { info: infoComponent };
      return partial;
    };
    expect(typeof neverRun).toBe('function');
  });
});

describe.each(engines)('every declared export is served on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  let admin: Actor;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedDemoProcesses(app.db);
    admin = await testActor(app, 'admin@k.example', { town: 'kastellaun', role: 'town_admin' });
  });
  afterAll(() => dispose());

  const cases = componentTypes().flatMap((d) => d.exports.map((e) => [`${d.type}/${e.path}`, d, e.path] as const));
  it.each(cases)('%s', async (_name, definition, path) => {
    const [row] = await app.db.select().from(components).where(eq(components.type, definition.type));
    expect(row, `a demo component of type ${definition.type}`).toBeDefined();
    const [where] = await app.db.select({ process: processes.slug, town: towns.slug }).from(processes).innerJoin(towns, eq(towns.id, processes.townId)).where(eq(processes.id, row!.processId));
    const process = await app.processes.load(admin, where!.town, where!.process);
    const ctx = (actor: Actor | null): PageContext => ({ app, actor, process, component: process.components.find((c) => c.id === row!.id)!, locale: 'de', viaLink: false, participantKey: null, query: new URLSearchParams() });
    const staff = await testActor(app, `staff-${where!.town}@k.example`, { town: where!.town, role: 'town_admin' });
    const served = await produceExport(ctx(staff), path);
    expect(served).not.toBeNull();
    const { spec, file } = served!;
    expect(file.contentType).toContain({ csv: 'text/csv', json: 'application/json', ical: 'text/calendar' }[spec.format]);
    expect(String(file.body).length).toBeGreaterThan(0);
    if (spec.format === 'ical') expect(String(file.body)).toContain('BEGIN:VCALENDAR');
    // Open data is served to visitors; everything else is not.
    if (spec.openData) expect(await produceExport(ctx(null), path)).not.toBeNull();
    else await expect(produceExport(ctx(null), path)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('the account export holds what every component type stores about the person', async () => {
    const person = await testActor(app, 'person@k.example');
    const data = await app.accounts.exportData(person.userId);
    expect(Object.keys(data.contributions)).toEqual(expect.arrayContaining([...componentTypeKeys]));
  });
});
