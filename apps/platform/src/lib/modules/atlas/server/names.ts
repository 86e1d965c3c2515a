/** Search key of a name: lower case, umlauts written both as "oe" and as "o", ß as "ss", other accents dropped. */
export function searchKey(name: string): string {
  const lower = name.toLowerCase();
  const expanded = lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  const plain = lower.replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const clean = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  const a = clean(expanded);
  const b = clean(plain);
  return a === b ? a : `${a} | ${b}`;
}

/** Normalises a search query the same way ("Großschönau", "grossschoenau" and "Grossschonau" all match). */
export function normaliseQuery(query: string): string {
  return query
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** URL slug: "Mücheln (Geiseltal)" → "muecheln-geiseltal". */
export function slugify(name: string): string {
  return normaliseQuery(name).replace(/ /g, '-');
}
