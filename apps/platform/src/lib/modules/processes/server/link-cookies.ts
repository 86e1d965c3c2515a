/** Cookie with the access-link token of an anonymous participant (checked against the database on every request). */
export const LINK_COOKIE = 'ks_link';
/** Random id of an anonymous participant, used only to derive a stable pseudonym within one process. */
export const PARTICIPANT_COOKIE = 'ks_participant';

export function linkCookieOptions(url: URL) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:', maxAge: 30 * 86_400 };
}
