import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { towns, municipalities } = locals.app;
  const [list, source] = await Promise.all([towns.list(), municipalities.latestImport()]);
  return {
    towns: list.map((t) => ({ slug: t.slug, name: t.name, landName: t.landName, description: locals.locale === 'en' ? t.descriptionEn : t.descriptionDe })),
    source: source ? { credit: source.credit, licence: source.licence, stand: source.stand } : null,
  };
};
