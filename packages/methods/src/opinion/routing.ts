import type { OpinionMap } from './analyze.ts';

/**
 * Chooses the next statement to show a voter, as Polis routes: a random draw among the statements the voter has not
 * voted on, with probability proportional to the statement's priority. Moderated-out statements (not meta ones) are
 * never shown. `u` is a uniform random number in [0, 1) supplied by the caller (so the choice is reproducible).
 * Returns undefined when nothing is left.
 */
export function pickNextStatement(map: OpinionMap, alreadyVoted: Iterable<number>, u: number): number | undefined {
  if (!(u >= 0 && u < 1)) throw new RangeError(`pickNextStatement: u must be in [0, 1), got ${u}`);
  const voted = new Set(alreadyVoted);
  const meta = new Set(map.meta);
  const out = new Set(map.moderatedOut.filter((id) => !meta.has(id)));
  let total = 0;
  const candidates: { id: number; w: number }[] = [];
  map.statements.forEach((id, c) => {
    if (voted.has(id) || out.has(id)) return;
    const w = Math.max(map.priorities[c]!, 0);
    candidates.push({ id, w });
    total += w;
  });
  if (candidates.length === 0) return undefined;
  if (total === 0) return candidates[Math.floor(u * candidates.length)]!.id;
  let x = u * total;
  for (const c of candidates) {
    x -= c.w;
    if (x < 0) return c.id;
  }
  return candidates[candidates.length - 1]!.id;
}
