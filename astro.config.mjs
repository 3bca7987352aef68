// @ts-check
import { defineConfig } from 'astro/config';
import { satteri } from '@astrojs/markdown-satteri';
import { inertMarkdown } from './src/core/site/markdown-safe.ts';

// MODELGATE_SITE_OUT / MODELGATE_CACHE_DIR let tests and the benchmark build other content
// (MODELGATE_CONTENT_DIR, read in src/content.config.ts) without touching the main build's output or cache.
export default defineConfig({
  outDir: process.env.MODELGATE_SITE_OUT ?? './dist/site',
  ...(process.env.MODELGATE_CACHE_DIR ? { cacheDir: process.env.MODELGATE_CACHE_DIR } : {}),
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // No inlined scripts or styles: the CSP allows only same-origin files.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  markdown: {
    processor: satteri({ mdastPlugins: [/** @type {any} */ (inertMarkdown)] }),
  },
});
