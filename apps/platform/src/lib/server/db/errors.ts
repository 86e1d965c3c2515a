/** The SQLSTATE of a database error, also when the driver or Drizzle wrapped it (`cause`); undefined otherwise. */
export function databaseErrorCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A request value the database could not take as its type (SQLSTATE class 22, "data exception": a malformed UUID,
 * a number out of range, a NUL character): the client's fault, answered with 400, never a 500.
 */
export function isInvalidInputError(e: unknown): boolean {
  return databaseErrorCode(e)?.startsWith('22') ?? false;
}
