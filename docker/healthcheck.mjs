// Container healthcheck, one per service: HEALTHCHECK_URL names what to probe (the API's /health by default; the
// worker's compose service points it at its metrics listener's /health, since the worker has no HTTP app).
const url = process.env.HEALTHCHECK_URL ?? 'http://127.0.0.1:3000/health';
const ok = await fetch(url, { signal: AbortSignal.timeout(2500) }).then(
  (r) => r.ok,
  () => false,
);
process.exit(ok ? 0 : 1);
