import { NotFoundError } from '../../../server/errors.ts';

/** A project or working group that does not exist in this town (or is a draft the asker may not see); routes answer 404. */
export class ProjectNotFoundError extends NotFoundError {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = 'ProjectNotFoundError';
  }
}
