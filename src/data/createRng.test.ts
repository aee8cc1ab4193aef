import { describe, expect, it } from 'vitest';
import { createRng } from './createRng';

describe('createRng', () => {
  it('same seed, same sequence; neighbouring seeds give unrelated sequences', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 50 }, () => a.next()), sb = Array.from({ length: 50 }, () => b.next()), sc = Array.from({ length: 50 }, () => c.next());
    expect(sa).toEqual(sb);
    const same = sa.filter((v, i) => Math.abs(v - sc[i]) < 0.01).length;
    expect(same).toBeLessThan(5);
  });

  it('helpers stay in range: int inclusive, logUniform, pick, normal mean ~0 sd ~1', () => {
    const r = createRng(7);
    const ints = new Set<number>();
    let sum = 0, sq = 0;
    for (let i = 0; i < 4000; i++) {
      const k = r.int(2, 5);
      ints.add(k);
      const l = r.logUniform(24, 400);
      expect(l >= 24 && l < 400).toBe(true);
      expect(['a', 'b']).toContain(r.pick(['a', 'b']));
      const n = r.normal();
      sum += n; sq += n * n;
    }
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    expect(Math.abs(sum / 4000)).toBeLessThan(0.08);
    expect(Math.abs(Math.sqrt(sq / 4000) - 1)).toBeLessThan(0.08);
  });
});
