import type { Plugin } from 'vite';

/**
 * Paraglide's generated `registry.js` builds a new `Intl.PluralRules` (and NumberFormat, DateTimeFormat,
 * RelativeTimeFormat) on every call of a message with a plural or formatted variable. Constructing one costs tens of
 * microseconds; an idea list of 50 ideas with counters spent most of its render time there (CPU profile of
 * bench/processes/ideas.ts, 2026-11-25). This plugin makes the registry reuse one instance per kind, locale and
 * options. The registry is generated on every compile, so it is rewritten here rather than edited; if Paraglide
 * changes its shape, the build fails instead of silently losing the cache.
 */
export function paraglideIntlCache(): Plugin {
  const helper = `
const __intlCache = new Map();
function __intl(Kind, locale, options) {
  const key = Kind.name + '|' + locale + '|' + JSON.stringify(options ?? {});
  let instance = __intlCache.get(key);
  if (!instance) __intlCache.set(key, (instance = new Kind(locale, options)));
  return instance;
}
`;
  return {
    name: 'kleinstadt:paraglide-intl-cache',
    enforce: 'pre',
    transform(code, id) {
      if (!/[/\\]paraglide[/\\]registry\.js$/.test(id.split('?')[0]!)) return null;
      const rewritten = code.replace(/new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\((locale), (options|intlOptions)\)/g, (_m, kind: string, locale: string, options: string) => `__intl(Intl.${kind}, ${locale}, ${options})`);
      if (!rewritten.includes('__intl(Intl.PluralRules')) this.error('paraglide registry.js changed shape: the Intl cache (build-tools/intl-cache.ts) no longer applies');
      return { code: helper + rewritten, map: null };
    },
  };
}
