#!/usr/bin/env node
// Runs the whole Jest suite N times in a row while other processes keep every
// core busy, and prints each run's result, its duration and the tests that
// failed. A flaky test shows up here long before it fails a CI run.
//
//   npm run test:stress -- --runs 5            (default 3 runs)
//   npm run test:stress -- --runs 2 --load 0   (no CPU load)
//   npm run test:stress -- --runs 3 -- test/web   (extra Jest arguments after --)
//
// The load is one child process per core (os.availableParallelism()), each
// spinning in a loop bounded by its own deadline; all are killed at the end,
// also on Ctrl-C. Plain Node, no dependency.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function parseArgs(argv) {
  const opts = { runs: 3, load: availableParallelism(), jest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
      return v;
    };
    if (a === '--runs') opts.runs = value();
    else if (a === '--load') opts.load = value();
    else if (a === '--') opts.jest = argv.slice(i + 1);
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a} (see --help)`);
    if (a === '--') break;
  }
  if (opts.runs < 1) throw new Error('--runs must be at least 1');
  return opts;
}

// A spinner: busy for at most `ms`, then exits by itself even if this script dies.
const SPIN = `const end = Date.now() + Number(process.argv[1]); let x = 0;
while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x = (x * 31 + i) | 0; }`;

function startLoad(n, ms) {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', SPIN, String(ms)], { stdio: 'ignore' }));
}

function stopLoad(children) {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Runs Jest once; its whole output goes to `logFile`, the last 20 kB are kept for the summary. */
function runJest(outputFile, logFile, extra) {
  return new Promise((resolve) => {
    const started = Date.now();
    const log = createWriteStream(logFile);
    const child = spawn(
      process.execPath,
      ['node_modules/jest/bin/jest.js', '--json', '--outputFile', outputFile, ...extra],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim() },
      },
    );
    let tail = '';
    const keep = (d) => {
      log.write(d);
      tail = (tail + d.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code, signal) => {
      log.end();
      resolve({ code, signal, ms: Date.now() - started, tail });
    });
  });
}

/** Failed tests from Jest's --json results: "file › full name: first line of the message". */
function failures(outputFile) {
  let results;
  try {
    results = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    return { summary: null, failed: ['(no Jest results: the run crashed before writing them)'] };
  }
  const failed = [];
  for (const suite of results.testResults ?? []) {
    const file = suite.name.replace(`${process.cwd()}/`, '');
    const bad = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of bad) {
      const first = (t.failureMessages?.[0] ?? '').split('\n').find((l) => l.trim()) ?? '';
      failed.push(`${file} › ${t.fullName}: ${first.trim().slice(0, 200)}`);
    }
    if (bad.length === 0 && suite.status === 'failed') {
      failed.push(`${file} (suite failed to run): ${(suite.message ?? '').split('\n').find((l) => l.trim()) ?? ''}`);
    }
  }
  return {
    summary: `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numTotalTests} total`,
    failed,
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(
      readFileSync(new URL(import.meta.url), 'utf8')
        .split('\n')
        .slice(1, 13)
        .join('\n'),
    );
    return 0;
  }
  // Results and the full Jest output of every run, kept for reading after a failure (artifacts/ is git-ignored).
  const dir = join(process.cwd(), 'artifacts', 'test-stress');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The spinners end by themselves a little after the longest plausible run.
  const load = startLoad(opts.load, opts.runs * 30 * 60_000);
  const cleanup = () => stopLoad(load);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  console.log(
    `test:stress: ${opts.runs} run(s) of the whole suite, ${opts.load} CPU-spinning process(es) alongside` +
      (opts.jest.length ? `, jest ${opts.jest.join(' ')}` : ''),
  );
  const rows = [];
  try {
    for (let run = 1; run <= opts.runs; run++) {
      const out = join(dir, `run-${run}.json`);
      const logFile = join(dir, `run-${run}.log`);
      const { code, signal, ms, tail } = await runJest(out, logFile, opts.jest);
      const { summary, failed } = failures(out);
      const ok = code === 0 && summary !== null && failed.length === 0;
      rows.push({ run, ok, ms, failed });
      console.log(
        `run ${run}/${opts.runs}: ${ok ? 'PASS' : 'FAIL'} in ${seconds(ms)}${summary ? ` (${summary})` : ''}`,
      );
      for (const f of failed) console.log(`  ✕ ${f}`);
      if (!ok && (summary === null || failed.length === 0)) {
        console.log(`  jest exited with ${signal ?? code}; last lines of its output (all of it: ${logFile}):`);
        console.log(
          tail
            .split('\n')
            .slice(-25)
            .map((l) => `    ${l}`)
            .join('\n'),
        );
      }
    }
  } finally {
    cleanup();
  }
  const passed = rows.filter((r) => r.ok).length;
  console.log(`\ntest:stress: ${passed} of ${rows.length} runs passed`);
  for (const r of rows) console.log(`  run ${r.run}: ${r.ok ? 'PASS' : 'FAIL'} ${seconds(r.ms)}`);
  return passed === rows.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`test:stress: ${err.message}`);
    process.exit(2);
  },
);
