import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The privacy-pass library is imported as source (pure TS, browser-safe). Its
// @noble imports resolve from this app's own node_modules so the web app does
// not depend on the root install.
export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: '@unlinked/privacy-pass',
        replacement: here('../../libs/privacy-pass/src/index.ts'),
      },
      {
        find: '@unlinked/authorship',
        replacement: here('../../libs/authorship/src/index.ts'),
      },
      {
        find: /^@noble\/curves\/(.*)$/,
        replacement: here('./node_modules/@noble/curves/$1'),
      },
      {
        find: /^@noble\/hashes\/(.*)$/,
        replacement: here('./node_modules/@noble/hashes/$1'),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': 'http://127.0.0.1:3000',
      '/.well-known': 'http://127.0.0.1:3000',
      '/issuer': 'http://127.0.0.1:3000',
      '/token-request': 'http://127.0.0.1:3000',
    },
  },
});
