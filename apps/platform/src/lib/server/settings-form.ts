import { z } from 'zod';
import { ValidationError } from './validation.ts';

/** Text in both UI languages. */
export interface Localized {
  de: string;
  en: string;
}

/**
 * What a settings schema says about a field besides its type, through Zod's `.meta()`: the label (required: the
 * generated form shows it), an optional hint, a multi-line text area, and labels of enum choices.
 */
export interface SettingMeta {
  label: Localized;
  hint?: Localized;
  multiline?: boolean;
  choices?: Record<string, Localized>;
}

/** One field of a generated settings form (the view renders it with the shared form components). */
export type SettingField =
  | { kind: 'text'; name: string; label: string; hint: string; multiline: boolean; maxLength: number | null; value: string }
  | { kind: 'number'; name: string; label: string; hint: string; integer: boolean; min: number | null; max: number | null; optional: boolean; value: string }
  | { kind: 'boolean'; name: string; label: string; hint: string; value: boolean }
  | { kind: 'choice'; name: string; label: string; hint: string; options: { value: string; label: string }[]; value: string }
  | { kind: 'group'; name: string; label: string; hint: string; fields: SettingField[] };

type Locale = 'de' | 'en';
// Zod 4 internals that describe a schema; read, never written.
interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Walks through default/nullable/optional wrappers: the core schema, whether it may be empty, and the first meta. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean; meta: SettingMeta | undefined } {
  let current = schema;
  let optional = false;
  let meta = current.meta() as SettingMeta | undefined;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'default' || def.type === 'nullable' || def.type === 'optional') && def.innerType) {
      if (def.type !== 'default') optional = true;
      current = def.innerType;
      meta ??= current.meta() as SettingMeta | undefined;
      continue;
    }
    return { core: current, optional, meta };
  }
}

/** The labels of a settings schema's fields that lack one (a definition test requires none). */
export function unlabelledSettings(schema: z.ZodObject, prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const { core, meta } = unwrap(field as z.ZodType);
    const own = meta?.label ? [] : [`${prefix}${key}`];
    return defOf(core).type === 'object' ? [...own, ...unlabelledSettings(core as z.ZodObject, `${prefix}${key}.`)] : own;
  });
}

/** The form fields of a settings schema with the given (already parsed) values; field names are `prefix` + path. */
export function describeSettings(schema: z.ZodObject, values: Record<string, unknown>, locale: Locale, prefix: string): SettingField[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    const { core, optional, meta } = unwrap(field as z.ZodType);
    const name = `${prefix}${key}`;
    const label = meta?.label[locale] ?? key;
    const hint = meta?.hint?.[locale] ?? '';
    const value = values[key];
    const type = defOf(core).type;
    if (type === 'object') return { kind: 'group', name, label, hint, fields: describeSettings(core as z.ZodObject, (value ?? {}) as Record<string, unknown>, locale, `${name}.`) };
    if (type === 'boolean') return { kind: 'boolean', name, label, hint, value: value === true };
    if (type === 'number') {
      const n = core as z.ZodNumber;
      return { kind: 'number', name, label, hint, integer: n.isInt, min: Number.isFinite(n.minValue) ? n.minValue : null, max: Number.isFinite(n.maxValue) ? n.maxValue : null, optional, value: value === null || value === undefined ? '' : String(value) };
    }
    if (type === 'enum') {
      const options = (core as z.ZodEnum).options.map((o) => ({ value: String(o), label: meta?.choices?.[String(o)]?.[locale] ?? String(o) }));
      return { kind: 'choice', name, label, hint, options, value: String(value ?? '') };
    }
    const s = core as z.ZodString;
    return { kind: 'text', name, label, hint, multiline: meta?.multiline === true, maxLength: s.maxLength, value: String(value ?? '') };
  });
}

/** Turns a submitted form back into values for `schema` (numbers, checkboxes, nested groups) and parses them. */
export function parseSettingsForm(schema: z.ZodObject, form: Record<string, string>, prefix: string): Record<string, unknown> {
  const raw = (s: z.ZodObject, p: string): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(s.shape).map(([key, field]) => {
        const { core, optional } = unwrap(field as z.ZodType);
        const name = `${p}${key}`;
        const type = defOf(core).type;
        const text = form[name]?.trim() ?? '';
        if (type === 'object') return [key, raw(core as z.ZodObject, `${name}.`)];
        if (type === 'boolean') return [key, form[name] === 'on' || form[name] === 'true'];
        if (type === 'number') return [key, text === '' ? (optional ? null : undefined) : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN];
        return [key, form[name] ?? undefined];
      }),
    );
  const result = schema.safeParse(raw(schema, prefix));
  if (result.success) return result.data as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = `${prefix}${issue.path.join('.')}`;
    fields[name] ??= issue.code === 'too_big' && typeof issue.origin === 'string' && issue.origin === 'string' ? 'error_too_long' : issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'invalid_type' ? 'error_setting_number_invalid' : 'error_invalid';
  }
  throw new ValidationError(fields);
}
