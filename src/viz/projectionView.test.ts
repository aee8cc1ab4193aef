import { describe, expect, it } from 'vitest';
import { projectToCells } from '../geometry/projectToCells';
import { scaledBox } from '../geometry/boxes';
import { projectionRows } from './projectionView';

describe('projectionRows', () => {
  it('PAPER example: S = 16, x in [100, 300] at f = 1 gives cells 7..18, rows written out', () => {
    const { rows } = projectionRows([100, 100, 300, 300], 1, 16, [40, 40]);
    expect(rows.map((r) => r.cell)).toEqual([7, 7, 18, 18]);
    expect(rows[0]).toMatchObject({ edge: 'left x1', scaled: 100, ratio: 6.25, rounded: 7, rule: '⌊x/S⌋ + 1' });
    expect(rows[2]).toMatchObject({ edge: 'right x2', ratio: 18.75, rounded: 18 });
  });

  it('agrees with projectToCells on 500 seeded windows, scales and maps (thin and clamped ones included)', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 500; i++) {
      const x1 = rnd() * 400, y1 = rnd() * 300, x2 = x1 + 1 + rnd() * 200, y2 = y1 + 1 + rnd() * 200;
      const f = 0.5 + rnd() * 2;
      const map: [number, number] = [1 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 40)];
      const { rows } = projectionRows([x1, y1, x2, y2], f, 16, map);
      const c = projectToCells(scaledBox(x1 * f, y1 * f, x2 * f, y2 * f), 16, map);
      expect(rows.map((r) => r.cell)).toEqual([c[0], c[1], c[2], c[3]]);
    }
  });

  it('says when a thin window collapses to its centre cell and when it is clamped', () => {
    expect(projectionRows([100, 0, 110, 200], 1, 16, [20, 20]).notes.join(' ')).toMatch(/thinner than about 2S.*centre, 6\./);
    expect(projectionRows([0, 0, 400, 100], 1, 16, [20, 10]).notes.join(' ')).toMatch(/clamped to the map's cells 0…9/);
  });
});
