import type { Page } from 'playwright-core';

// What the web bench measures inside the page. The scripts go to chromium as source text (as the
// browser tests' do): the bench is compiled without the DOM's types, and a transpiled function's
// helpers would not exist in the page. They use what the page sets for this: window.tallyMap, the
// data-loaded and data-drawn counters, and the performance marks tally:table-drawn,
// tally:map-drawn and tally:dashboard-loaded.

export interface FrameStats {
  frames: number;
  seconds: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
  /** Frames a 60 Hz display would have shown but the page did not draw. */
  dropped: number;
}

export function frameStats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const frame = 1000 / 60;
  const dropped = deltas.reduce((n, d) => n + Math.max(0, Math.round(d / frame) - 1), 0);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    frames: deltas.length,
    seconds: r(deltas.reduce((a, b) => a + b, 0) / 1000),
    median_ms: r(at(0.5)),
    p95_ms: r(at(0.95)),
    max_ms: r(sorted[sorted.length - 1] ?? 0),
    dropped,
  };
}

export interface Marks {
  loaded: string;
  drawn: string;
}

export async function dashboardMarks(page: Page): Promise<Marks> {
  return (await page.evaluate(`({
    loaded: document.body.dataset.loaded ?? '',
    drawn: document.getElementById('map')?.dataset.drawn ?? '',
  })`)) as Marks;
}

/** Polls an expression in the page (waitForFunction would eval a string, which the page's CSP forbids). */
export async function waitInPage(page: Page, expression: string, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the dashboard and the map have both finished what the last change started. */
export async function waitForDashboard(page: Page, before: Marks): Promise<void> {
  await waitInPage(
    page,
    `(() => {
      const loaded = document.body.dataset.loaded;
      const drawn = document.getElementById('map')?.dataset.drawn;
      return loaded !== undefined && loaded !== ${JSON.stringify(before.loaded)}
        && drawn !== undefined && drawn !== ${JSON.stringify(before.drawn)};
    })()`,
  );
}

export interface ApiCall {
  path: string;
  /** When the request started and how long it took, from the user's action. */
  start_ms: number;
  ms: number;
  bytes: number;
}

export interface UpdateTimes {
  /** The API requests the update made. */
  calls: ApiCall[];
  /** From the user's action to the table showing the new rows. */
  table_ms: number;
  /** … to the map drawn with the new points. */
  map_ms: number;
  /** … to the timeline drawn. */
  timeline_ms: number;
  /** All three: what the user waits for. */
  total_ms: number;
}

/** Records when the next change or pointerup happens: the user's action that starts an update. */
export async function armUpdateClock(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.benchStart = undefined;
    const mark = (e) => { window.benchStart ??= e.timeStamp; };
    document.addEventListener('change', mark, { capture: true, once: true });
    document.addEventListener('pointerup', mark, { capture: true, once: true });
  })()`);
}

export async function readUpdateTimes(page: Page): Promise<UpdateTimes> {
  return (await page.evaluate(`(() => {
    const start = window.benchStart ?? 0;
    const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
    const table = last('tally:table-drawn') - start;
    const map = last('tally:map-drawn') - start;
    const timeline = last('tally:dashboard-loaded') - start;
    const r = Math.round;
    const calls = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/') && e.startTime >= start - 1)
      .map((e) => ({
        path: new URL(e.name).pathname.replace('/api/', '') + decodeURIComponent(new URL(e.name).search),
        start_ms: r(e.startTime - start),
        ms: r(e.duration),
        bytes: e.decodedBodySize,
      }));
    return {
      calls,
      table_ms: r(table),
      map_ms: r(map),
      timeline_ms: r(timeline),
      total_ms: r(Math.max(table, map, timeline)),
    };
  })()`)) as UpdateTimes;
}

/** Milliseconds from navigation to the first time the map was drawn with the points, and to the whole dashboard. */
export async function firstRender(page: Page): Promise<{ map_ms: number; dashboard_ms: number }> {
  return (await page.evaluate(`({
    map_ms: Math.round(performance.getEntriesByName('tally:map-drawn')[0]?.startTime ?? NaN),
    dashboard_ms: Math.round(performance.getEntriesByName('tally:dashboard-loaded')[0]?.startTime ?? NaN),
  })`)) as { map_ms: number; dashboard_ms: number };
}

/** Pans and zooms the map with animations for `seconds`, recording every requestAnimationFrame delta. */
export async function recordFrames(page: Page, seconds: number): Promise<number[]> {
  return (await page.evaluate(`(async () => {
    const map = window.tallyMap;
    const deltas = [];
    let running = true;
    let last = 0;
    const tick = (t) => {
      if (last) deltas.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const start = { center: map.getCenter(), zoom: map.getZoom() };
    const moves = [
      () => map.panBy([260, 0], { duration: 700 }),
      () => map.panBy([-260, 140], { duration: 700 }),
      () => map.zoomTo(6.5, { duration: 900 }),
      () => map.zoomTo(8.5, { duration: 900 }),
      () => map.panBy([180, -160], { duration: 700 }),
      // Past the clusters' last zoom: single incidents.
      () => map.zoomTo(10.5, { duration: 900 }),
      () => map.panBy([-200, 120], { duration: 700 }),
      () => map.easeTo({ center: start.center, zoom: start.zoom, duration: 1200 }),
    ];
    const end = performance.now() + ${Number(seconds) * 1000};
    for (let i = 0; performance.now() < end; i++) {
      const moved = new Promise((resolve) => map.once('moveend', resolve));
      moves[i % moves.length]();
      await moved;
    }
    running = false;
    map.jumpTo(start);
    await new Promise((resolve) => (map.loaded() ? resolve(null) : map.once('idle', resolve)));
    return deltas;
  })()`)) as number[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Runs `work` under chromium's sampling profiler and says how much of the page's main thread went
 * to the page's JavaScript (the map library included), and how much to the browser's own work
 * outside it (style, layout, and waiting on the WebGL command buffer: the "(program)" samples).
 */
export async function profileDuring<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<[T, { script_ms: number; browser_ms: number }]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const value = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let script = 0;
  let browser = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const name = names.get(id);
    if (name === '(program)') browser += us;
    else if (name !== '(idle)') script += us;
  });
  return [value, { script_ms: Math.round(script / 1000), browser_ms: Math.round(browser / 1000) }];
}
