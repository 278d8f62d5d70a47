import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { pageSizes } from './build/pageSizes.ts';

export default defineConfig(({ command, mode }) => {
  // Vite picks the `development` or `production` export condition (solid-js/dist/dev.js or
  // solid.js) from NODE_ENV, read after this file runs. A build spawned by a test runner
  // inherits NODE_ENV=test (vitest sets it), which shipped Solid's development build; a
  // production build is a production build whoever starts it.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return {
    plugins: [
      solid(),
      pageSizes(),
      VitePWA({
        // Our own service worker: it precaches the app and also serves the live ethics header.
        strategies: 'injectManifest',
        srcDir: 'src',
        filename: 'sw.ts',
        registerType: 'prompt',
        injectRegister: false,
        injectManifest: {
          globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
          // The README's screenshot ships in public/ but the app never shows it.
          globIgnores: ['screenshots/**'],
          // The compile loop's TypeScript transpiler (about 3.5 MB, loaded only by the compile
          // worker) is precached too, so compiling against a local model works offline.
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        },
        includeAssets: ['icon.svg'],
        manifest: {
          name: 'Metacompiler',
          short_name: 'Metacompiler',
          description: 'Failures become priors, estimates become bets, specs become live surfaces.',
          theme_color: '#1f2937',
          background_color: '#0f172a',
          display: 'standalone',
          start_url: '/',
          icons: [
            { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
          ],
        },
        devOptions: { enabled: false },
      }),
    ],
    worker: { format: 'es' },
    build: { target: 'es2022', sourcemap: true },
    preview: { host: '127.0.0.1', port: 4173 },
    test: {
      environment: 'node',
      // The spec's Markdown is parsed in Node here. micromark's entity decoder has a browser
      // build that asks the DOM (which Node lacks) and a plain one with the same table: use that
      // (the parser is inlined so that the alias reaches its import).
      server: { deps: { inline: [/micromark/, /mdast-util-/, /decode-named-character-reference/] } },
      alias: [
        {
          find: /^decode-named-character-reference$/,
          replacement: fileURLToPath(new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url)),
        },
      ],
      include: ['test/unit/**/*.test.ts'],
      testTimeout: 20000,
    },
  };
});
