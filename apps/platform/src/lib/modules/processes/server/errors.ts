import { NotFoundError } from '../../../server/errors.ts';

/** A process, phase, component, meeting or idea that does not exist in this town; routes answer 404. */
export class ProcessNotFoundError extends NotFoundError {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = 'ProcessNotFoundError';
  }
}
