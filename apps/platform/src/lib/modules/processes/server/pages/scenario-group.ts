import type { ComponentPage } from './types.ts';

export const scenarioGroupPage: ComponentPage = {
  async load({ app, actor, process, component, query }) {
    const overview = await app.scenarioGroup.overview(actor, process, component);
    return { ...overview, joinToken: query.get('join'), loggedIn: Boolean(actor) };
  },
  intents: {
    async invite({ app, actor, process, component }, fields) {
      await app.scenarioGroup.invite(actor, process, component, fields);
      return { invited: fields.email };
    },
    async accept({ app, actor, process, component }, fields) {
      return { joined: await app.scenarioGroup.accept(actor, process, component, fields.token ?? '') };
    },
    async describe({ app, actor, process, component }, fields) {
      await app.scenarioGroup.describe(actor, process, component, fields);
      return { described: true };
    },
    async remove({ app, actor, process, component }, fields) {
      await app.scenarioGroup.remove(actor, process, component, fields.userId ?? '');
      return { removed: true };
    },
  },
};
