import type { Reroute } from '@sveltejs/kit/hooks';
import { deLocalizeUrl } from '#lib/paraglide/runtime.js';

/** /en/… serves the same routes as /…; Paraglide strips the locale prefix before routing. */
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
