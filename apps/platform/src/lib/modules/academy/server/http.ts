import { error } from '@sveltejs/kit';
import { attempt } from '../../../server/http.ts';
import { EntryNotFoundError } from './service.ts';

/** `attempt` for academy actions: an unknown or hidden entry is a 404. */
export async function academyAttempt<T>(values: Record<string, unknown>, run: () => Promise<T>) {
  try {
    return await attempt(values as Record<string, string>, run);
  } catch (e) {
    if (e instanceof EntryNotFoundError) error(404, 'Not found');
    throw e;
  }
}

/** Runs a lookup; an unknown or hidden entry becomes a 404 page. */
export async function entryOr404<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof EntryNotFoundError) error(404, 'Not found');
    throw e;
  }
}
