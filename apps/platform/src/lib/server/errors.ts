import { ForbiddenError } from './permissions.ts';
import { isInvalidInputError } from './db/errors.ts';

/**
 * Something a request names that does not exist, or that the asker may not know exists (a draft, a hidden entry):
 * both look the same from outside. Every module's "not found" extends this one class, so one mapping answers 404.
 */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/**
 * The one mapping from an error a service throws to the HTTP status a route answers with: 404 for anything not
 * found, 403 for a refused permission, 400 for a value the database cannot take as its type. Undefined for
 * everything else (a real server error). Used by `handleError`, `attempt` and `orNotFound`.
 */
export function httpStatusOf(e: unknown): 400 | 403 | 404 | undefined {
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ForbiddenError) return 403;
  if (isInvalidInputError(e)) return 400;
  return undefined;
}
