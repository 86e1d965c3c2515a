import type { RequestEvent } from '@sveltejs/kit';
import { readFormData } from '../../../server/http.ts';

/** Fields that come as checkbox groups (repeated keys). */
const LIST_FIELDS = ['fieldsOfAction', 'goals'] as const;

/** Reads an entry form: single fields as strings, checkbox groups as arrays. */
export async function readEntryForm(event: RequestEvent): Promise<{ input: Record<string, string | string[]>; values: Record<string, string | string[]> }> {
  const data = await readFormData(event);
  const input: Record<string, string | string[]> = {};
  for (const [key, value] of data) {
    if (typeof value !== 'string') continue;
    if ((LIST_FIELDS as readonly string[]).includes(key)) input[key] = [...((input[key] as string[] | undefined) ?? []), value];
    else input[key] = value;
  }
  for (const key of LIST_FIELDS) input[key] ??= [];
  return { input, values: input };
}
