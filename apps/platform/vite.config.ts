import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vite';
import { paraglideIntlCache } from './build-tools/intl-cache.ts';

export default defineConfig(({ command }) => ({
  plugins: [
    paraglideIntlCache(),
    // In `vite dev` the plugin recompiles messages on change; a build uses what `npm run prepare` compiled
    // (build-tools/paraglide.ts, skipped when the messages are unchanged), so nothing compiles twice.
    ...(command === 'serve'
      ? [
          paraglideVitePlugin({
            project: './project.inlang',
            outdir: './src/lib/paraglide',
            strategy: ['url', 'cookie', 'preferredLanguage', 'baseLocale'],
          }),
        ]
      : []),
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
          // No 'unsafe-inline' (ADR 0010): our markup has no style attributes; the one Kit renders itself (the
          // visually hidden `svelte-announcer`) is allowed by its hash only. tests/e2e/csp.spec.ts fails if that changes.
          'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
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
}));
