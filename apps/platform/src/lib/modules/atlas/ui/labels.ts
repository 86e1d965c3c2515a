import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

type Message = () => string;
const messages = m as unknown as Record<string, Message | undefined>;

export function typeName(code: number | null | undefined): string {
  return messages[`atlas_type_${code}`]?.() ?? '–';
}

export function lageName(lage: string | null | undefined): string {
  return (lage && messages[`atlas_lage_${lage}`]?.()) || m.atlas_lage_unknown();
}

const percent = new Map<string, Intl.NumberFormat>();
/** A share (0…1) as a percentage with one decimal. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  const locale = getLocale() === 'en' ? 'en-GB' : 'de-DE';
  let f = percent.get(locale);
  if (!f) percent.set(locale, (f = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return f.format(share);
}

/** A change in per cent (already ×100) with sign: +3,2 % / −12,0 %. */
export function formatChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const locale = getLocale() === 'en' ? 'en-GB' : 'de-DE';
  return new Intl.NumberFormat(locale, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 100);
}
