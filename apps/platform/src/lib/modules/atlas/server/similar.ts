/**
 * The most similar municipalities: a documented, explainable similarity over a few indicators.
 *
 * Each municipality becomes a vector of standardised indicators (z-scores over all municipalities):
 *   1. log10 population (latest),
 *   2. log10 population density,
 *   3. population change since 2013 in per cent (comparable territory; missing → the median),
 *   4. population change since 2002 in per cent (as 3),
 * plus two categorical terms: +1 when the BBSR type differs, +1 when the Lage differs.
 * Distance = Euclidean distance over the four z-scores plus the categorical terms; the ten smallest distances
 * (excluding the municipality itself) are the most similar towns.
 */
export interface SimilarityInput {
  ags: string;
  population: number | null;
  areaKm2: number | null;
  change2013: number | null;
  change2002: number | null;
  typeCode: number;
  lage: string | null;
}

export interface SimilarityIndex {
  vectors: Map<string, { z: number[]; typeCode: number; lage: string | null }>;
}

function zScores(values: (number | null)[]): number[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const sorted = [...present].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const mean = present.reduce((s, v) => s + v, 0) / Math.max(1, present.length);
  const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, present.length)) || 1;
  return values.map((v) => ((v === null || !Number.isFinite(v) ? median : v) - mean) / sd);
}

export function buildSimilarityIndex(rows: SimilarityInput[]): SimilarityIndex {
  const pop = zScores(rows.map((r) => (r.population && r.population > 0 ? Math.log10(r.population) : null)));
  const density = zScores(rows.map((r) => (r.population && r.areaKm2 ? Math.log10(Math.max(r.population / r.areaKm2, 0.1)) : null)));
  const c13 = zScores(rows.map((r) => r.change2013));
  const c02 = zScores(rows.map((r) => r.change2002));
  const vectors = new Map<string, { z: number[]; typeCode: number; lage: string | null }>();
  rows.forEach((r, i) => vectors.set(r.ags, { z: [pop[i]!, density[i]!, c13[i]!, c02[i]!], typeCode: r.typeCode, lage: r.lage }));
  return { vectors };
}

export function mostSimilar(index: SimilarityIndex, ags: string, k = 10): { ags: string; distance: number }[] {
  const me = index.vectors.get(ags);
  if (!me) return [];
  const out: { ags: string; distance: number }[] = [];
  for (const [other, v] of index.vectors) {
    if (other === ags) continue;
    let d2 = 0;
    for (let i = 0; i < me.z.length; i++) d2 += (me.z[i]! - v.z[i]!) ** 2;
    const distance = Math.sqrt(d2) + (v.typeCode === me.typeCode ? 0 : 1) + (v.lage === me.lage ? 0 : 1);
    out.push({ ags: other, distance });
  }
  out.sort((a, b) => a.distance - b.distance || a.ags.localeCompare(b.ags));
  return out.slice(0, k);
}
