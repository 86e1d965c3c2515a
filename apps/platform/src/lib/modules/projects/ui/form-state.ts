/**
 * The failed submission a detail page's form action returned (field errors and the submitted values, see
 * `attempt` in server/http.ts), and per form — told apart by the `intent` value — its errors and values.
 */
export interface FailedForm {
  errors: Record<string, string>;
  values: Record<string, string>;
}

export const failedForm = (form: unknown): FailedForm | undefined => (form && typeof form === 'object' && 'errors' in form ? (form as FailedForm) : undefined);

export const errorsFor = (failed: FailedForm | undefined, intent: string) => (failed?.values.intent === intent ? failed.errors : undefined);

export const valuesFor = (failed: FailedForm | undefined, intent: string) => (failed?.values.intent === intent ? failed.values : ({} as Record<string, string>));
