import { describe, expect, it } from 'vitest';
import { httpStatusOf, NotFoundError } from '../src/lib/server/errors.ts';
import { ForbiddenError } from '../src/lib/server/permissions.ts';
import { TownNotFoundError } from '../src/lib/modules/towns/server/service.ts';
import { ProcessNotFoundError } from '../src/lib/modules/processes/server/errors.ts';
import { ProjectNotFoundError } from '../src/lib/modules/projects/server/errors.ts';
import { EntryNotFoundError } from '../src/lib/modules/academy/server/service.ts';

/** One mapping from service errors to HTTP statuses (used by handleError, attempt and orNotFound). */
describe('httpStatusOf', () => {
  it('answers 404 for every module’s "not found", 403 for a refusal, 400 for a value the database cannot take', () => {
    for (const e of [new TownNotFoundError('x'), new ProcessNotFoundError('x'), new ProjectNotFoundError('x'), new EntryNotFoundError('x')]) {
      expect(e).toBeInstanceOf(NotFoundError);
      expect(httpStatusOf(e), e.name).toBe(404);
    }
    expect(httpStatusOf(new ProjectNotFoundError('x'))).toBe(404);
    expect(new ProjectNotFoundError('x')).not.toBeInstanceOf(ProcessNotFoundError);
    expect(httpStatusOf(new ForbiddenError('ideas:moderate'))).toBe(403);
    expect(httpStatusOf(Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }))).toBe(400);
    expect(httpStatusOf(Object.assign(new Error('query failed'), { cause: { code: '22003' } }))).toBe(400);
    expect(httpStatusOf(Object.assign(new Error('unique violation'), { code: '23505' }))).toBeUndefined();
    expect(httpStatusOf(new Error('boom'))).toBeUndefined();
  });
});
