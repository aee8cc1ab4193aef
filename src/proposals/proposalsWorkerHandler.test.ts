import { describe, expect, it } from 'vitest';
import { proposalsWorkerHandler } from './proposalsWorkerHandler';
import { selectiveSearch } from './selectiveSearch';
import type { ProposalsWorkerResponse } from './workerProtocol';

// A small synthetic scene: two rectangles on a background, 120 x 90.
function scene() {
  const width = 120, height = 90, data = new Uint8ClampedArray(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = x > 20 && x < 60 && y > 15 && y < 70 ? [200, 40, 40] : x > 70 && y > 30 ? [30, 160, 60] : [90 + (x % 7), 100, 140];
      data.set([c[0], c[1], c[2], 255], 4 * (y * width + x));
    }
  }
  return { width, height, data };
}

function collect() {
  const messages: ProposalsWorkerResponse[] = [];
  const transfers: ArrayBuffer[][] = [];
  const handler = proposalsWorkerHandler((m, t) => { messages.push(m); transfers.push(t); });
  return { handler, messages, transfers };
}

describe('proposals worker handler', () => {
  it('answers a run with progress messages then one result equal to the synchronous call', async () => {
    const { handler, messages, transfers } = collect();
    const options = { mode: 'single' as const, maxSide: 120, seed: 3 };
    handler.onMessage({ type: 'run', id: 7, image: scene(), options });
    await handler.idle();
    const last = messages[messages.length - 1];
    expect(last.type).toBe('result');
    expect(messages.slice(0, -1).every((m) => m.type === 'progress' && m.id === 7)).toBe(true);
    if (last.type !== 'result') return;
    expect(last.boxes).toEqual(selectiveSearch(scene(), options));
    expect(last.timings.total).toBeGreaterThan(0);
    expect(transfers[transfers.length - 1]).toContain(last.boxes.buffer);
  });

  it('detail adds label maps and merge trees to the result', async () => {
    const { handler, messages } = collect();
    handler.onMessage({ type: 'run', id: 1, image: scene(), options: { mode: 'single', maxSide: 0, detail: true } });
    await handler.idle();
    const last = messages[messages.length - 1];
    if (last.type !== 'result') throw new Error('expected a result');
    expect(last.detail?.segmentations[0].labels.length).toBe(120 * 90);
    expect(last.detail?.hierarchies[0].children.length).toBe(2 * (last.detail!.segmentations[0].count - 1));
  });

  it('a cancel for a queued run drops it; a cancel during a run stops it with cancelled: true', async () => {
    const { handler, messages } = collect();
    const big = { width: 500, height: 400, data: new Uint8ClampedArray(4 * 500 * 400).map((_, i) => (i * 37) % 251) };
    handler.onMessage({ type: 'run', id: 1, image: big, options: { mode: 'quality' } });
    handler.onMessage({ type: 'run', id: 2, image: scene() });
    handler.onMessage({ type: 'cancel', id: 2 });
    await new Promise((r) => setTimeout(r, 200)); // let run 1 start, then cancel it mid-way
    handler.onMessage({ type: 'cancel', id: 1 });
    await handler.idle();
    const finals = messages.filter((m) => m.type !== 'progress');
    expect(finals).toEqual([
      { type: 'error', id: 2, message: 'selectiveSearch: cancelled', cancelled: true },
      { type: 'error', id: 1, message: 'selectiveSearch: cancelled', cancelled: true },
    ]);
    const progress1 = messages.filter((m) => m.type === 'progress' && m.id === 1);
    expect(progress1.length).toBeGreaterThan(0);
    expect(progress1[progress1.length - 1].type === 'progress' && progress1[progress1.length - 1]).not.toMatchObject({ fraction: 1 });
  });

  it('bad input becomes an error message, and the next run still works', async () => {
    const { handler, messages } = collect();
    handler.onMessage({ type: 'run', id: 4, image: { width: 3, height: 3, data: new Uint8ClampedArray(27) } });
    handler.onMessage({ type: 'run', id: 5, image: scene(), options: { mode: 'single', maxSide: 0 } });
    await handler.idle();
    const finals = messages.filter((m) => m.type !== 'progress');
    expect(finals[0]).toMatchObject({ type: 'error', id: 4, cancelled: false });
    expect(finals[0].type === 'error' && finals[0].message).toMatch(/length 27/);
    expect(finals[1]).toMatchObject({ type: 'result', id: 5 });
  });
});
