import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from './helpers/app.ts';
import type { App } from '../src/lib/server/app.ts';
import { seedDemoTowns } from '../src/lib/modules/towns/server/demo-seed.ts';
import { seedDemoProcesses } from '../src/lib/modules/processes/server/demo-seed.ts';
import { seedDemoVision } from '../src/lib/modules/vision/server/demo-seed.ts';

describe.each(engines)('demo vision on $name', (engine) => {
  let app: App;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ app, dispose } = await engine.create());
    await seedDemoTowns(app.db);
    await seedDemoProcesses(app.db);
    await app.accounts.createConfirmedUser({ email: 'malente@kleinstadt.example', password: 'Kleinstadt-Demo-2030', displayName: 'Team Malente' });
  });
  afterAll(() => dispose());

  it('publishes Malente’s Zukunftsbild and story once, with an author', async () => {
    expect(await seedDemoVision(app.db)).toBe(1);
    expect(await seedDemoVision(app.db)).toBe(0);
    const [malente] = await app.vision.publishedForTown('malente');
    expect(malente!.processSlug).toBe('malente-2030');
    expect(malente!.vision!.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['besucher', 'wirtschaft', 'gemeinschaft']));
    const story = await app.vision.version(null, 'malente', 'malente-2030');
    expect([story.version?.number, story.version?.author]).toEqual([1, { name: 'Team Malente', deleted: false }]);
    expect(story.paragraphs).toHaveLength(4);
  });
});
