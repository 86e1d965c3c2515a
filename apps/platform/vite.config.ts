import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';

/**
 * @kern-ux/native declares "sideEffects": false, so the bundler would drop the script that registers the
 * <kern-kopfzeile> web component. Mark that folder as having side effects.
 */
function kernSideEffects(): Plugin {
  return {
    name: 'kleinstadt:kern-side-effects',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.includes('@kern-ux/native/dist/js/')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? { ...resolved, moduleSideEffects: true } : null;
    },
  };
}

export default defineConfig({
  plugins: [
    kernSideEffects(),
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['url', 'cookie', 'preferredLanguage', 'baseLocale'],
    }),
    sveltekit({
      adapter: adapter({ out: 'build', precompress: true }),
      compilerOptions: {
        runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true),
      },
      // Content Security Policy: everything from our own origin; KERN's icons are data: URIs in CSS masks.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
          'base-uri': ['self'],
          'object-src': ['none'],
        },
      },
    }),
  ],
  server: { port: 5173 },
});
