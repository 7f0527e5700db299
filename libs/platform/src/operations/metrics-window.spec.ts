import { describe, expect, it } from '@jest/globals';
import { MetricsWindow } from './metrics-window.js';

describe('MetricsWindow', () => {
  it('serves the snapshot of the last boundary, whatever the live value is at scrape time', async () => {
    let live = 0;
    const window = new MetricsWindow(
      () => Promise.resolve(`x ${live}`),
      60_000,
      () => 125_000,
    );
    await window.take();
    live = 7;
    expect(await window.read()).toBe('x 0');
    await window.take(); // the boundary
    expect(await window.read()).toBe('x 7');
  });

  it('aligns boundaries to multiples of the window in Unix time', () => {
    expect(
      new MetricsWindow(
        () => Promise.resolve(''),
        60_000,
        () => 125_000,
      ).untilNextBoundary(),
    ).toBe(55_000);
    expect(
      new MetricsWindow(
        () => Promise.resolve(''),
        60_000,
        () => 180_000,
      ).untilNextBoundary(),
    ).toBe(60_000);
  });

  it('keeps the previous snapshot when a collection fails', async () => {
    let fail = false;
    const window = new MetricsWindow(() => (fail ? Promise.reject(new Error('redis')) : Promise.resolve('ok')), 1000);
    await window.take();
    fail = true;
    await window.take().catch(() => undefined);
    expect(await window.read()).toBe('ok');
  });
});
