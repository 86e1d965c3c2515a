/**
 * The academy's vocabularies, shared by server and UI. Labels are Paraglide messages (`academy_<vocab>_<code>`),
 * so every code here has a German and an English label in messages/academy/.
 */

/** Kinds of knowledge-base entries. */
export const entryKinds = ['praxisbeispiel', 'methode', 'projekt', 'szenario', 'publikation', 'link', 'werkzeug'] as const;
export type EntryKind = (typeof entryKinds)[number];

/** The eight Handlungsfelder (fields of action) of the seed. */
export const fieldsOfAction = ['wohnen', 'mobilitaet', 'gemeinschaft', 'wirtschaft', 'besucher', 'digital', 'kooperation', 'engagement'] as const;
export type FieldOfAction = (typeof fieldsOfAction)[number];

/** The seed's Zielsystem der Kleinstadtentwicklung. */
export const goals = ['lernend', 'kooperativ', 'nachhaltig', 'urbanitaet'] as const;
export type Goal = (typeof goals)[number];

/** Town types (BBSR Stadt- und Gemeindetyp, simplified). */
export const townTypes = ['landgemeinde', 'kleine_kleinstadt', 'groessere_kleinstadt', 'mittelstadt'] as const;
export type TownType = (typeof townTypes)[number];

/** Location (BBSR Lage). */
export const locations = ['sehr_zentral', 'zentral', 'peripher', 'sehr_peripher'] as const;
export type Location = (typeof locations)[number];

/** The sixteen Länder, by name as in the official municipality list. */
export const laender = [
  'Baden-Württemberg',
  'Bayern',
  'Berlin',
  'Brandenburg',
  'Bremen',
  'Hamburg',
  'Hessen',
  'Mecklenburg-Vorpommern',
  'Niedersachsen',
  'Nordrhein-Westfalen',
  'Rheinland-Pfalz',
  'Saarland',
  'Sachsen',
  'Sachsen-Anhalt',
  'Schleswig-Holstein',
  'Thüringen',
] as const;

/** Licences an entry can carry; CC BY 4.0 is the default. */
export const licences = ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'all-rights-reserved'] as const;
export type Licence = (typeof licences)[number];

export const entryStatuses = ['draft', 'review', 'published'] as const;
export type EntryStatus = (typeof entryStatuses)[number];

/** The eight formats of the method library (slugs of their guides). */
export const methodFormats = ['szenariowerkstatt', 'jugendbarcamp', 'stadtspaziergang', 'open-space', 'summer-school', 'buergerforum', 'zukunftskonferenz', 'design-thinking'] as const;

/**
 * The seed's ten points for a future-proof small-town development ("Kleinstädte sollten …"), used as the
 * Kleinstadt-Check. Each point names the fields of action and search words that lead to helpful entries.
 */
export const tenPoints = [
  { n: 1, query: 'Stärken Potenziale Schwächen Alleinstellungsmerkmal' },
  { n: 2, query: 'Beteiligung Mitsprache' },
  { n: 3, query: 'Jugendliche Kinder Jugend' },
  { n: 4, query: 'Bürgermeister Stelle Beteiligung Verwaltung' },
  { n: 5, query: 'Moderation Begleitung extern' },
  { n: 6, query: 'Zukunftsbild Leitbild Ziele' },
  { n: 7, query: 'Leitprojekt Prioritäten' },
  { n: 8, query: 'Starterprojekt sichtbar schnell' },
  { n: 9, query: 'Kooperation Netzwerk Verein' },
  { n: 10, query: 'Austausch Kleinstädte lernen' },
] as const;

/** Scale of the self-assessment: 1 = not at all … 4 = fully. A rating of 1 or 2 is a weak point. */
export const checkScale = [1, 2, 3, 4] as const;

/** The forms of academy events (the seed's four forms, plus congress and forum). */
export const eventForms = ['erfahrungswerkstatt', 'regional', 'mobil', 'digital', 'kongress', 'forum'] as const;
export type EventForm = (typeof eventForms)[number];
export const registrationStatuses = ['registered', 'waiting', 'cancelled'] as const;
export const visitStatuses = ['requested', 'accepted', 'scheduled', 'declined'] as const;

/** Kinds of actors and institutions in the network directory. */
export const orgKinds = ['planung', 'forschung', 'kommunalverband', 'stiftung', 'verband', 'bund_land', 'sonstige'] as const;
export type OrgKind = (typeof orgKinds)[number];
/** A directory entry: an application waits for an editor; approved entries are public. */
export const orgStatuses = ['pending', 'approved', 'rejected'] as const;

/** Open research questions: open → in progress → answered (or closed). */
export const researchQuestionStatuses = ['offen', 'in_arbeit', 'beantwortet'] as const;
export type ResearchQuestionStatus = (typeof researchQuestionStatuses)[number];

/** Seismograph: round status, question kinds, and how a town's answers may be shown. */
export const seismoRoundStatuses = ['draft', 'open', 'closed'] as const;
export const seismoQuestionKinds = ['scale', 'number', 'choice'] as const;
export type SeismoQuestionKind = (typeof seismoQuestionKinds)[number];
export const seismoVisibilities = ['aggregated', 'named'] as const;
/** A result cell (a group of towns) is shown only when at least this many towns answered in it. */
export const SEISMO_MIN_GROUP = 3;

/** Showcase stories: draft → published. Attachments of entries: images or PDFs. */
export const storyStatuses = ['draft', 'published'] as const;
export const entryFileKinds = ['image', 'pdf'] as const;
