import { ProcessNotFoundError } from '../../processes/server/errors.ts';

/** A project or working group that does not exist in this town (or is a draft the asker may not see); routes answer 404. */
export class ProjectNotFoundError extends ProcessNotFoundError {
  constructor(what: string) {
    super(what);
    this.name = 'ProjectNotFoundError';
  }
}
