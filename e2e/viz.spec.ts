// The pyramid visualiser ("Inside the pyramid"): screenshots of the bins and vector views for a fixed
// input, linked highlighting checked against the trace, keyboard navigation, lessons as URLs, the NMS
// stepper against the trace's NMS, export, and an accessibility scan.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openDemo } from './helpers';

// A fixed input: test-split scene 3000000, the whole image as the window, the wasm backend.
const FIXED = '#src=scene:3000000&w=img';

async function openViz(page: Page, hash: string): Promise<void> {
  await openDemo(page, { backend: 'wasm', hash });
  await expect(page.getByTestId('viz-panel')).toBeVisible();
}

/** The pyramid of the inspected window as the trace and ARCHITECTURE.md's layout define it (adaptive rule). */
async function expectedBin(page: Page, rect: number) {
  return page.evaluate((r) => {
    const t = window.__SPPNET__.lastTrace!;
    const v = window.__SPPNET__.viz!;
    const k = t.scales.find((s) => s.s === v.s)!.channels;
    const [x1, y1, x2, y2] = v.cells!;
    const bins = (a: number, n: number) => Array.from({ length: n }, (_, i) => [Math.floor((i * a) / n), Math.ceil(((i + 1) * a) / n)]);
    let before = 0;
    for (let l = 0; l < t.levels.length; l++) {
      const n = t.levels[l];
      if (r < before + n * n) {
        const local = r - before;
        const row = Math.floor(local / n), col = local % n;
        const [r0, r1] = bins(y2 - y1 + 1, n)[row];
        const [c0, c1] = bins(x2 - x1 + 1, n)[col];
        // layout.ts: offset of level l = k * sum of earlier n^2; bin (row, col) adds (row * n + col) * k.
        const start = k * before + (row * n + col) * k;
        return { k, level: l, start, end: start + k, y0: y1 + r0, y1: y1 + r1, x0: x1 + c0, x1: x1 + c1 };
      }
      before += n * n;
    }
    throw new Error(`no bin ${r}`);
  }, rect);
}

test.describe('the pyramid visualiser', () => {
  test('screenshots of the bins and vector views for a fixed input', async ({ page }) => {
    await openViz(page, FIXED);
    await page.mouse.move(0, 0);
    const bins = page.getByTestId('bins-svg');
    await expect(bins.locator('rect.bin')).toHaveCount(50);
    await expect(bins).toHaveScreenshot('bins-scene3000000-whole.png', { maxDiffPixelRatio: 0.002 });
    await expect(page.getByTestId('vector-view')).toHaveScreenshot('vector-scene3000000-whole.png', { maxDiffPixelRatio: 0.002 });
  });

  test('hover a bin: its k values are highlighted, at the indices the layout gives', async ({ page }) => {
    await openViz(page, FIXED);
    for (const rect of [0, 17, 40, 47, 49]) {
      await page.locator(`[data-testid=bins-svg] rect.bin[data-rect="${rect}"]`).hover({ force: true });
      const want = await expectedBin(page, rect);
      await expect.poll(() => page.evaluate(() => window.__SPPNET__.viz?.highlight?.indices)).toEqual([want.start, want.end]);
      const hl = await page.evaluate(() => window.__SPPNET__.viz!.highlight!);
      expect(hl.level).toBe(want.level);
      await expect(page.locator('svg.vector-overlay')).toHaveAttribute('data-highlight', `${want.start}-${want.end}`);
      await expect(page.getByTestId('viz-status')).toContainText(`indices ${want.start}–${want.end - 1}`);
    }
  });

  test('hover a value: its bin and the arg-max cell that produced it, on the bins, the feature map and the image', async ({ page }) => {
    await openViz(page, FIXED);
    const heat = page.locator('canvas.vector-heat');
    await heat.scrollIntoViewIfNeeded();
    const box = (await heat.boundingBox())!;
    for (const [fx, fy] of [[0.1, 0.05], [0.55, 0.5], [0.9, 0.8], [0.3, 0.99]]) {
      await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
      await expect.poll(() => page.evaluate(() => window.__SPPNET__.viz?.highlight?.value?.index ?? null)).not.toBeNull();
      const hl = await page.evaluate(() => window.__SPPNET__.viz!.highlight!);
      const v = hl.value!;
      const want = await expectedBin(page, hl.rect);
      expect(v.index).toBeGreaterThanOrEqual(want.start);
      expect(v.index).toBeLessThan(want.end);
      expect(v.channel).toBe(v.index - want.start);
      // The arg-max cell lies in the bin, holds the value, and no cell of the bin holds more (conv5 from the worker).
      expect(v.cell[0] >= want.x0 && v.cell[0] < want.x1 && v.cell[1] >= want.y0 && v.cell[1] < want.y1).toBe(true);
      const check = await page.evaluate(({ b, c, cell }) => {
        const at = window.__SPPNET__.viz!.conv5At!;
        let m = -Infinity;
        for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) m = Math.max(m, at(x, y, c));
        return { max: m, atCell: at(cell[0], cell[1], c) };
      }, { b: want, c: v.channel, cell: v.cell });
      expect(v.value).toBe(check.max);
      expect(check.atCell).toBe(check.max);
      await expect(page.locator('[data-testid=bins-svg] circle.hl-argmax')).toHaveAttribute('data-cell', v.cell.join(','));
      await expect(page.locator('[data-testid=bins-svg] rect.hl-bin')).toHaveAttribute('data-rect', String(hl.rect));
      await expect(page.locator('[data-testid=backprojection-view] rect.mark-cell')).toHaveCount(1);
      expect(await page.evaluate(() => window.__SPPNET__.viz!.channelShown)).toBe(v.channel);
    }
  });

  test('keyboard: arrow keys move between bins, Page Down to the next level; the bin travels in the URL', async ({ page }) => {
    await openViz(page, FIXED);
    await page.getByTestId('bins-svg').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => window.__SPPNET__.viz?.highlight?.rect)).toBe(1 + 6);
    await page.keyboard.press('PageDown');
    await expect.poll(() => page.evaluate(() => window.__SPPNET__.viz?.highlight?.rect)).toBe(36);
    await expect(page).toHaveURL(/bin=36/);
    await expect(page.getByTestId('viz-status')).toContainText('level 3×3, bin (row 1, col 1)');
    // Tabs: arrow keys move along the tab list.
    await page.getByRole('tab', { name: 'Pyramid bins & vector' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Projection' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('projection-figure')).toContainText('round inward');
  });

  test('a lesson is a link: opening it restores the whole view, edits go to the URL, a reload keeps them', async ({ page }) => {
    await openViz(page, '#src=scene:3000000');
    await page.getByRole('link', { name: 'The ceil/floor defect' }).click();
    await expect(page).toHaveURL(/lesson=defect/);
    await expect(page).toHaveURL(/rule=sliding/);
    await expect(page).toHaveURL(/cells=10x8/);
    await expect(page.getByTestId('lesson')).toContainText('⌈a/n⌉');
    await expect(page.getByRole('radio', { name: /sliding window/ })).toBeChecked();
    await expect(page.getByTestId('classifier-invalid')).toBeVisible();
    // PAPER.md's table: a = 10, n = 6 gives 9 windows; b = 8, n = 3 never pools cell 7.
    expect(await page.evaluate(() => window.__SPPNET__.viz!.cells)).toEqual([0, 0, 9, 7]);
    const defects = page.getByTestId('bins-svg').locator('text.defect');
    await expect(defects.nth(0)).toContainText('width a = 10: 9 bins instead of 6');
    await expect(defects.nth(1)).toContainText('height b = 8: cell 7 never pooled');
    await expect(page.locator('[data-testid=bins-svg] g.level[data-level="0"] rect.bin')).toHaveCount(9 * 7);
    expect(await page.evaluate(() => window.__SPPNET__.viz!.trained)).toBe(false);
    // Edit: the {4,3,2,1} levels and the adaptive rule.
    await page.getByRole('radio', { name: /adaptive/ }).check();
    await page.getByRole('combobox', { name: 'Pyramid levels' }).selectOption('4-3-2-1');
    await expect(page).toHaveURL(/lv=4-3-2-1/);
    await expect(page).not.toHaveURL(/rule=sliding/);
    await expect(page.getByTestId('bins-svg').locator('rect.bin')).toHaveCount(30);
    await page.reload();
    await expect(page.getByTestId('bins-svg').locator('rect.bin')).toHaveCount(30, { timeout: 150_000 });
    await expect(page.getByRole('radio', { name: /adaptive/ })).toBeChecked();
    await expect(page.getByTestId('lesson')).toBeVisible();
    await expect(page.getByTestId('classifier-invalid')).toContainText('not valid');
    expect(await page.evaluate(() => ({ lv: window.__SPPNET__.viz!.levels, len: window.__SPPNET__.viz!.vectorLength, k: window.__SPPNET__.viz!.k })))
      .toEqual({ lv: [4, 3, 2, 1], len: 30 * 64, k: 64 });
    // Another view by URL: feature maps, conv3, channel 5.
    await page.goto(`/?backend=wasm#src=scene:3000000&tab=maps&layer=conv3&ch=5`);
    await expect(page.getByRole('tab', { name: 'Feature maps' })).toHaveAttribute('aria-selected', 'true', { timeout: 150_000 });
    await expect(page.getByTestId('maps-figure')).toContainText('conv3, channel 5', { timeout: 150_000 });
    await expect(page.getByRole('combobox', { name: 'Feature-map layer' })).toHaveValue('conv3');
  });

  test('NMS stepper: stepping to the end keeps exactly what the detector\u2019s per-class NMS kept', async ({ page }) => {
    await openViz(page, '#src=scene:3000000&thr=0.05&tab=nms');
    const panel = page.getByTestId('nms-panel');
    await expect(panel).toBeVisible();
    const classId = Number(await panel.getByTestId('nms-class').inputValue());
    const want = await page.evaluate((c) => {
      const t = window.__SPPNET__.lastTrace!;
      const mine = t.candidates.filter((x) => x.classId === c);
      return { total: mine.length, nmsKept: mine.filter((x) => x.nmsKept).length, kept: mine.filter((x) => x.kept).length, detections: t.detections.length };
    }, classId);
    expect(want.detections).toBeLessThan(100); // the run's cap did not cut any class
    await page.getByRole('button', { name: /last step/i }).click();
    const text = page.getByTestId('nms-step-text');
    await expect(text).toContainText(`Done: ${want.nmsKept} of ${want.total} kept`);
    // Box voting and the second NMS can only drop boxes; the end says how many the image keeps.
    expect(want.kept).toBeLessThanOrEqual(want.nmsKept);
    if (want.kept === want.nmsKept) await expect(text).toContainText(`${want.nmsKept} of ${want.total} kept.`);
    else await expect(text).toContainText(`after box voting and NMS again, ${want.kept} remain on the image`);
  });

  test('click a box on the image to inspect its window; export the bins as SVG and PNG', async ({ page }) => {
    await openViz(page, '#src=scene:3000000');
    const det = await page.evaluate(() => {
      const t = window.__SPPNET__.lastTrace!;
      const c = t.candidates.filter((x) => x.kept && x.score >= 0.5).sort((a, b) => a.score - b.score)[0];
      return { window: c.window, box: t.windows[c.window].box, size: t.imageSize };
    });
    const canvas = page.getByTestId('result-canvas');
    const cb = (await canvas.boundingBox())!;
    const sx = cb.width / det.size[0];
    await canvas.click({ position: { x: ((det.box[0] + det.box[2]) / 2) * sx, y: ((det.box[1] + det.box[3]) / 2) * sx } });
    // The pick reaches the URL, then the hook once the window's features are in (both asynchronous).
    await page.waitForFunction(() => {
      const w = window.__SPPNET__.viz?.window;
      return w !== undefined && new RegExp(`[#&]w=${w}(&|$)`).test(location.hash);
    });
    const picked = await page.evaluate(() => window.__SPPNET__.viz?.window);
    const cells = await page.evaluate((w) => window.__SPPNET__.lastTrace!.windows[w].cells, picked!);
    await expect(page.getByTestId('selected-window')).toContainText(`conv5 cells [${cells.join(', ')}]`);
    await expect(page).toHaveURL(new RegExp(`w=${picked}`));

    const fig = page.getByTestId('bins-figure');
    const [svgDl] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: /as SVG/ }).click()]);
    expect(svgDl.suggestedFilename()).toBe('pyramid-bins.svg');
    const svg = await (await svgDl.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect((svg.match(/class="bin"/g) ?? []).length).toBe(50);
    const [pngDl] = await Promise.all([page.waitForEvent('download'), fig.getByRole('button', { name: /as PNG/ }).click()]);
    const png = await (await pngDl.createReadStream()).toArray().then((c) => Buffer.concat(c));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(200); // width in px
  });

  test('the speed lesson measures the R-CNN way live and shows the same speed-up the app computed', async ({ page }) => {
    await openViz(page, '#src=scene:3000000&lesson=speed&tab=speed');
    await page.getByTestId('speed-measure').click();
    await expect.poll(() => page.evaluate(() => window.__SPPNET__.lastRcnn?.speedup ?? null), { timeout: 120_000 }).not.toBeNull();
    const r = await page.evaluate(() => window.__SPPNET__.lastRcnn!);
    expect(r.windows).toBe(50);
    await expect(page.getByTestId('speed-svg')).toContainText(`${r.speedup.toFixed(1)}×`);
  });

  test('accessibility: no serious or critical axe violations with the visualiser open', async ({ page }) => {
    for (const hash of [FIXED, '#src=scene:3000000&tab=maps', '#src=scene:3000000&tab=nms&lesson=bins50']) {
      await openViz(page, hash);
      await page.waitForTimeout(500);
      const r = await new AxeBuilder({ page }).analyze();
      const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), hash).toEqual([]);
    }
  });
});
