import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The client core and the libraries under it are imported as source (pure TS,
// browser-safe); their dependencies come from the root install.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: '@unlinked/privacy-pass',
        replacement: here('../../libs/privacy-pass/src/index.ts'),
      },
      {
        find: '@unlinked/arc',
        replacement: here('../../libs/arc/src/index.ts'),
      },
      {
        find: '@unlinked/authorship',
        replacement: here('../../libs/authorship/src/index.ts'),
      },
      {
        // The crypto-free entry the first load imports (libs/client/src/reading.ts).
        find: '@unlinked/client/reading',
        replacement: here('../../libs/client/src/reading.ts'),
      },
      {
        find: /^@unlinked\/client$/,
        replacement: here('../../libs/client/src/index.ts'),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Browsers of es2022 preload modules themselves; the polyfill would only add to the first load.
    modulePreload: { polyfill: false },
    // The manifest names the entry and its static imports: test/web/web-bundle-size.spec.ts sums their size.
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      // The API's routes the client calls: GraphQL and the Privacy Pass HTTP
      // endpoints (apps/api identity/issuance/issuance.controller.ts).
      '/graphql': 'http://127.0.0.1:3000',
      '/privacy-pass': 'http://127.0.0.1:3000',
      // The issuer directories (RFC 9578 §4) at issuer names' hosts; never the SPA fallback.
      '/.well-known': 'http://127.0.0.1:3000',
    },
  },
});
