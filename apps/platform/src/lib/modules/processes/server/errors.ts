/** A process, phase, component, meeting or idea that does not exist in this town; routes answer 404. */
export class ProcessNotFoundError extends Error {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = 'ProcessNotFoundError';
  }
}
