import { defineComponent } from './define.ts';
import { openDataExports } from '../../../opendata/server/files.ts';
import { ideasPage, ideasPhaseSettings, ideasSettings } from '../pages/ideas.ts';

/** Idea collection: ideas with a field of action, support once per person, comments, moderation, status. */
export const ideasComponent = defineComponent({
  type: 'ideas',
  label: { de: 'Ideensammlung', en: 'Idea collection' },
  description: {
    de: 'Ideen mit Handlungsfeld sammeln, unterstützen und kommentieren; die Moderation prüft und setzt den Status.',
    en: 'Collect, support and comment on ideas by field of action; moderators review them and set their status.',
  },
  settings: ideasSettings,
  phaseSettings: ideasPhaseSettings,
  actions: {
    view: { label: { de: 'Ideen ansehen', en: 'View ideas' }, defaultGrants: ['anyone'], dataModes: ['anonymous'] },
    submit: { label: { de: 'Idee einreichen', en: 'Submit an idea' }, defaultGrants: ['user', 'link'], dataModes: ['named', 'pseudonymous', 'anonymous'] },
    support: { label: { de: 'Idee unterstützen', en: 'Support an idea' }, defaultGrants: ['user'], dataModes: ['named', 'pseudonymous'], audience: 'account' },
    comment: { label: { de: 'Kommentieren', en: 'Comment' }, defaultGrants: ['user'], dataModes: ['named', 'pseudonymous'], audience: 'account' },
    report: { label: { de: 'Beitrag melden', en: 'Report a contribution' }, defaultGrants: ['user'], dataModes: ['named'] },
    // The author corrects their idea while ideas are collected (blueprints take `owner` away where `submit` closes);
    // the town's moderators may edit any idea of the collection in every phase. Nobody else can be given it.
    edit: { label: { de: 'Idee bearbeiten', en: 'Edit an idea' }, defaultGrants: ['owner', 'town_admin', 'moderator'], dataModes: ['named'], grants: ['owner', 'moderator', 'town_admin'] },
    moderate: { label: { de: 'Moderieren (ausblenden, Status setzen)', en: 'Moderate (hide, set status)' }, defaultGrants: ['town_admin', 'moderator'], dataModes: ['named'], audience: 'staff' },
  },
  page: ideasPage,
  exports: [
    ...openDataExports('ideen-oeffentlich', 'ideen', { de: 'Öffentliche Ideen', en: 'Public ideas' }, ({ app, process, component }) => app.openData.ideasOfComponent(process, component)),
    {
      // The moderators' list of all ideas, hidden ones included: not open data.
      label: { de: 'Ideen als CSV (Moderation)', en: 'Ideas as CSV (moderators)' },
      path: 'ideen.csv',
      format: 'csv',
      action: 'moderate',
      openData: false,
      async produce({ app, actor, process, component, locale }) {
        const body = await app.ideas.exportCsv(actor, process, component, locale);
        return { body, contentType: 'text/csv; charset=utf-8', filename: `ideen-${process.process.slug}.csv` };
      },
    },
  ],
  personalData: {
    collect: (app, userId) => app.ideas.personalData(userId),
    // Ideas, comments, supports and reports stay, without the person: the foreign keys set the author to null when
    // the account row goes; named ideas are marked so that they read "gelöschte Person".
    erase: (app, tx, userId) => app.ideas.anonymiseAuthor(tx, userId),
  },
});
