/**
 * npx tsx bench/profile-summary.ts PROFILE.cpuprofile [--top 25]
 *
 * Where a V8 CPU profile (node --cpu-prof; `npm run bench:boards -- --profile DIR`) spends its time: self time by
 * package (node_modules/<package>, libs/<lib>, node: internals, GC, idle), the functions with the most self time,
 * and, per package, the time from entering it until it returns (its callees included, nested entries not counted
 * twice).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' } },
  allowPositionals: true,
});
const profile = JSON.parse(readFileSync(positionals[0], 'utf8')) as Profile;
const total = profile.samples.length;
const ms = (hits: number) => ((hits / total) * (profile.endTime - profile.startTime)) / 1000;
const pct = (hits: number) => `${((hits / total) * 100).toFixed(1)}%`;

function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const lib = /\/(libs\/[^/]+|apps\/[^/]+)\//.exec(url);
  return lib ? lib[1] : url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfByPackage = new Map<string, number>();
const selfByFunction = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  if (!hits) continue;
  const pkg = packageOf(n);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + hits);
  const name = `${n.callFrame.functionName || '(anonymous)'} ${pkg}:${n.callFrame.lineNumber + 1}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + hits);
}

// Inclusive time per package: every sample counts once for each distinct package on its stack.
const inclusive = new Map<string, number>();
const stackPackages = new Map<number, Set<string>>();
function packagesOnStack(id: number): Set<string> {
  let set = stackPackages.get(id);
  if (set) return set;
  const p = parent.get(id);
  set = new Set(p === undefined ? [] : packagesOnStack(p));
  set.add(packageOf(byId.get(id)!));
  stackPackages.set(id, set);
  return set;
}
for (const id of profile.samples)
  for (const pkg of packagesOnStack(id)) inclusive.set(pkg, (inclusive.get(pkg) ?? 0) + 1);

const top = Number(values.top);
const table = (title: string, rows: Map<string, number>, n: number) => {
  console.log(`\n${title}\n| where | ms | share |\n| --- | --- | --- |`);
  for (const [name, hits] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`| ${name} | ${ms(hits).toFixed(0)} | ${pct(hits)} |`);
  }
};
console.log(`${positionals[0]}: ${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
table('Self time by package', selfByPackage, top);
table('Inclusive time by package (callees included)', inclusive, top);
table('Self time by function', selfByFunction, top);
