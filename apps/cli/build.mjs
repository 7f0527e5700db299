// Bundles the CLI into one ESM file for plain Node (>= 20.19): esbuild resolves
// the @unlinked/* aliases (the client core and the libraries under it), which
// tsc would not rewrite (see toolchain.md), and it needs no decorators.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

await esbuild.build({
  entryPoints: [here('./src/main.ts')],
  outfile: here('./dist/unlinked.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  alias: {
    '@unlinked/client': here('../../libs/client/src/index.ts'),
    '@unlinked/privacy-pass': here('../../libs/privacy-pass/src/index.ts'),
    '@unlinked/authorship': here('../../libs/authorship/src/index.ts'),
    '@unlinked/arc': here('../../libs/arc/src/index.ts'),
  },
  logLevel: 'warning',
});
