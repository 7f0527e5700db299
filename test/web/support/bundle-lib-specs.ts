import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from './browser.js';

const LIB = join(ROOT, 'libs/privacy-pass/src');
const SHIM = join(ROOT, 'test/web/browser-lib/jest-shim.ts');
/** Reads of the RFC test-vector files, rewritten into JSON imports the bundle inlines. */
const VECTOR_READ =
  /JSON\.parse\(readFileSync\(new URL\('(\.\.\/test-vectors\/[\w.-]+\.json)', import\.meta\.url\), 'utf8'\)\)/g;

/** The library's spec files (all of them: vectors, round trips, strictness, keys, headers, fuzz). */
export function librarySpecFiles(): string[] {
  return readdirSync(LIB)
    .filter((f) => f.endsWith('.spec.ts'))
    .sort()
    .map((f) => join(LIB, f));
}

/**
 * Bundles the privacy-pass specs for the browser with esbuild: @jest/globals becomes a small runner, node:fs reads of the RFC
 * vectors become inlined JSON. Returns an IIFE that sets window.__ppResults.
 */
export async function bundleLibrarySpecs(): Promise<{ code: string; files: string[] }> {
  const files = librarySpecFiles();
  const entry = [
    `import { run } from ${JSON.stringify(SHIM)};`,
    ...files.map((f) => `import ${JSON.stringify(f)};`),
    `run().then((r) => { window.__ppResults = r; }, (e) => { window.__ppResults = [{ name: 'runner', ok: false, error: String(e) }]; });`,
  ].join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: LIB, sourcefile: 'pp-browser-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [
      {
        name: 'jest-globals-for-browser',
        setup(build) {
          build.onResolve({ filter: /^@jest\/globals$/ }, () => ({ path: SHIM }));
          build.onResolve({ filter: /^node:/ }, (args) => ({
            errors: [{ text: `${args.path} is not available in the browser (imported by ${args.importer})` }],
          }));
          build.onLoad({ filter: /\.spec\.ts$/ }, (args) => {
            let n = 0;
            const imports: string[] = [];
            const contents = readFileSync(args.path, 'utf8')
              .replace(/^import \{ readFileSync \} from 'node:fs';$/m, '')
              .replace(VECTOR_READ, (_m, rel: string) => {
                const name = `__vectors${n++}`;
                imports.push(`import ${name} from ${JSON.stringify(rel)};`);
                return name;
              });
            return { contents: `${imports.join('\n')}\n${contents}`, loader: 'ts' };
          });
        },
      },
    ],
  });
  return { code: result.outputFiles[0].text, files };
}
