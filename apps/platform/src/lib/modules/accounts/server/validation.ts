import { z } from 'zod';
import { whenValid } from '../../../server/validation.ts';

/** Field rules shared by the account forms. Messages are Paraglide message keys. */
export const emailField = z
  .string({ error: 'error_required' })
  .trim()
  .toLowerCase()
  .min(1, 'error_required')
  .max(254, 'error_email_invalid')
  .pipe(z.email('error_email_invalid'));

export const passwordField = z
  .string({ error: 'error_required' })
  .min(10, 'error_password_too_short')
  .max(200, 'error_password_too_long');

export const displayNameField = z
  .string({ error: 'error_required' })
  .trim()
  .min(1, 'error_required')
  .max(100, 'error_too_long');

export const localeField = z.enum(['de', 'en'], { error: 'error_invalid' });

/**
 * The repetition is compared whenever it was given, whatever else is wrong: also with a password that is too short
 * (still a string), since "too short" and "does not match" both tell the person what to type again.
 */
const repeatChecked = whenValid('passwordRepeat');

export const registrationSchema = z
  .object({
    email: emailField,
    displayName: displayNameField,
    password: passwordField,
    passwordRepeat: z.string({ error: 'error_required' }),
    locale: localeField.default('de'),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'error_password_mismatch', ...repeatChecked });

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'error_required' }).min(1, 'error_required').max(200, 'error_password_too_long'),
});

export const profileSchema = z.object({ displayName: displayNameField, locale: localeField });

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: 'error_required' }).min(1, 'error_required'),
    password: passwordField,
    passwordRepeat: z.string({ error: 'error_required' }),
  })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'error_password_mismatch', ...repeatChecked });

export const resetSchema = z
  .object({ password: passwordField, passwordRepeat: z.string({ error: 'error_required' }) })
  .refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'error_password_mismatch', ...repeatChecked });

export const emailOnlySchema = z.object({ email: emailField });
