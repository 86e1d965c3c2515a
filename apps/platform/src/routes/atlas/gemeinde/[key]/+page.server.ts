import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { authorize } from '#lib/server/permissions.ts';
import { localizeHref } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, params }) => {
  authorize(locals.actor, 'atlas.view');
  const { atlas, towns } = locals.app;
  const profile = await atlas.profile(params.key);
  if (!profile) error(404, m.atlas_profile_not_found());
  // One canonical address per municipality: /atlas/gemeinde/<slug>; the AGS redirects there.
  if (params.key !== profile.facts.slug) redirect(301, localizeHref(`/atlas/gemeinde/${profile.facts.slug}`));
  const [credits, townSpace] = await Promise.all([atlas.credits(), towns.list().then((all) => all.find((t) => t.ags === profile.municipality.ags))]);
  const { municipality: mu, facts: f } = profile;
  return {
    municipality: {
      ags: mu.ags,
      name: mu.shortName,
      fullName: mu.name,
      landName: mu.landName,
      landCode: mu.landCode,
      kreisName: mu.kreisName,
      kreisCode: mu.kreisCode,
      associationName: mu.municipalAssociationName,
      associationArs: mu.municipalAssociationArs,
      population: mu.population,
      areaKm2: mu.areaKm2,
      latitude: mu.latitude,
      longitude: mu.longitude,
      stand: mu.stand,
    },
    facts: f,
    series: profile.series.map((p) => ({ year: p.year, population: p.population, sameTerritory: p.sameTerritory, basis: p.basis, sourceAgs: p.sourceAgs, areaKm2: p.areaKm2 })),
    members: profile.members,
    peers: profile.peers,
    similar: profile.similar,
    indicators: profile.indicators,
    employment: profile.employment,
    zensusBreakYear: profile.zensusBreakYear,
    townSpace: townSpace ? { slug: townSpace.slug, name: townSpace.name } : null,
    credits,
    lageApproximated: f.lageSource !== 'bbsr',
  };
};
