import type { Actor } from '#lib/server/permissions.ts';
import type { App as Services } from '#lib/server/app.ts';
import type { User } from '#lib/modules/accounts/server/service.ts';

declare global {
  namespace App {
    interface Locals {
      /** The services of the composition root. */
      app: Services;
      /** The logged-in user, or null for visitors. */
      user: User | null;
      /** The permission subject of this request (null for visitors). */
      actor: Actor | null;
      /** The raw session token (to keep this session when others are ended). */
      sessionToken: string | null;
      locale: 'de' | 'en';
    }
    interface Error {
      message: string;
      status?: number;
    }
  }
}

export {};
