import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureMapLayer } from '../../../pipeline/featureMaps';
import { BinsView } from '../../../viz/binsView';
import { VectorView } from '../../../viz/vectorView';
import { ChannelView, cellsToImage } from '../../../viz/channelView';
import { type Highlight, describeHighlight, resolveHighlight } from '../../../viz/highlight';
import { type WindowInspection, topChannels } from '../../../viz/windowInspection';
import { levelColour } from '../../../viz/vizConfig';
import { appHooks } from '../../appHooks';
import type { AppSettings } from '../../urlState';
import { ExportButtons } from './ExportButtons';
import { useWidth } from './useWidth';

/** Props of {@link PyramidTab}. */
export interface PyramidTabProps {
  insp: WindowInspection;
  conv5: FeatureMapLayer;
  bitmap: ImageBitmap;
  imageSize: [number, number];
  /** The model's own levels (what fc6 was trained on). */
  modelLevels: number[];
  settings: Pick<AppSettings, 'levels' | 'rule' | 'bin'>;
  onChange: (patch: Partial<AppSettings>) => void;
}

const PRESETS: Array<{ label: string; value: string }> = [
  { label: '{6, 3, 2, 1}: 50 bins (the paper\u2019s detector)', value: '6-3-2-1' },
  { label: '{4, 3, 2, 1}: 30 bins', value: '4-3-2-1' },
  { label: '{3, 2, 1}: 14 bins', value: '3-2-1' },
  { label: '{1}: global max pooling', value: '1' },
];

/** Pyramid bins on the window's cells, the pooled vector and the image, linked by hovering or the keyboard. */
export function PyramidTab({ insp, conv5, bitmap, imageSize, modelLevels, settings, onChange }: PyramidTabProps) {
  const [hover, setHover] = useState<Highlight>(null);
  const pinned: Highlight = settings.bin !== null && settings.bin < insp.pyramid.rectLevel.length ? { rect: settings.bin } : null;
  const hl = resolveHighlight(insp, hover ?? pinned);
  const levelsText = (settings.levels ?? modelLevels).join('-');
  const [custom, setCustom] = useState(levelsText);
  useEffect(() => setCustom(levelsText), [levelsText]);

  // Bins view.
  const binsWrap = useRef<HTMLDivElement>(null);
  const binsSvg = useRef<SVGSVGElement>(null);
  const binsView = useRef<BinsView | null>(null);
  const width = useWidth(binsWrap);
  const onPin = useRef(onChange);
  onPin.current = onChange;
  useEffect(() => {
    binsView.current = new BinsView(binsSvg.current!, {
      width: 600,
      onHighlight: (h) => {
        setHover(h);
        if (h && document.activeElement === binsSvg.current) onPin.current({ bin: h.rect });
      },
    });
  }, []);
  useEffect(() => { if (width > 0) binsView.current?.setWidth(width); }, [width]);
  useEffect(() => binsView.current?.update(insp), [insp]);

  // Vector view.
  const vecWrap = useRef<HTMLDivElement>(null);
  const vecBox = useRef<HTMLDivElement>(null);
  const vecView = useRef<VectorView | null>(null);
  const vecWidth = useWidth(vecWrap);
  useEffect(() => { vecView.current = new VectorView(vecBox.current!, { width: 600, onHighlight: setHover }); }, []);
  useEffect(() => { if (vecWidth > 0) vecView.current?.setWidth(vecWidth); }, [vecWidth]);
  useEffect(() => vecView.current?.update(insp), [insp]);

  // Back-projection: the window, the bin and the arg-max cell on the image, over the channel in play.
  const imgWrap = useRef<HTMLElement>(null);
  const imgBox = useRef<HTMLDivElement>(null);
  const chView = useRef<ChannelView | null>(null);
  const imgWidth = useWidth(imgWrap);
  useEffect(() => { chView.current = new ChannelView(imgBox.current!, 360); }, []);
  const topChannel = useMemo(() => topChannels(insp, 1)[0] ?? 0, [insp]);
  const channel = hl?.value?.channel ?? topChannel;
  useEffect(() => {
    if (imgWidth > 0) chView.current?.setWidth(Math.min(imgWidth, 520));
  }, [imgWidth]);
  useEffect(() => { chView.current?.update({ bitmap, imageSize, layer: conv5, channel, f: insp.f }, 300); }, [bitmap, imageSize, conv5, channel, insp.f]);

  const resolvedKey = hl ? `${hl.rect}:${hl.indices.join('-')}` : '';
  useEffect(() => {
    binsView.current?.highlight(hl);
    vecView.current?.highlight(hl);
    const toImg = (x0: number, y0: number, x1: number, y1: number) => cellsToImage(x0, y0, x1, y1, insp.stride, insp.f, imageSize);
    const r = hl ? insp.pyramid.rects.subarray(4 * hl.rect, 4 * hl.rect + 4) : null;
    // The bins of the highlighted level (the finest when nothing is highlighted), back-projected.
    const lvl = hl ? hl.level : 0;
    const levelBoxes: Array<[number, number, number, number]> = [];
    for (let b = insp.pyramid.levelStart[lvl]; b < insp.pyramid.levelStart[lvl + 1]; b++) {
      const q = insp.pyramid.rects.subarray(4 * b, 4 * b + 4);
      levelBoxes.push(toImg(q[2], q[0], q[3], q[1]));
    }
    chView.current?.mark({
      level: { boxes: levelBoxes, colour: levelColour(lvl) },
      window: insp.box,
      bin: r ? { box: toImg(r[2], r[0], r[3], r[1]), colour: levelColour(hl!.level) } : null,
      cell: hl?.value ? toImg(hl.value.cell[0], hl.value.cell[1], hl.value.cell[0] + 1, hl.value.cell[1] + 1) : null,
    });
    appHooks().viz = { ...(appHooks().viz ?? {}), highlight: hl ? { rect: hl.rect, level: hl.level, indices: hl.indices, value: hl.value } : null, channelShown: channel };
  }, [resolvedKey, insp, channel]);

  const status = hl ? describeHighlight(insp, hl) : 'Hover a bin or a value, or focus the bins and use the arrow keys.';
  const M = insp.pyramid.rectLevel.length;
  const binsFig = useRef<HTMLElement>(null);
  const vecFig = useRef<HTMLElement>(null);
  const totalBins = useMemo(() => insp.pyramid.levels.map((l) => l.rows.length * l.cols.length), [insp]);

  return (
    <div className="pyramid-tab">
      <div className="viz-controls">
        <label>Levels <select aria-label="Pyramid levels" value={PRESETS.some((p) => p.value === levelsText) ? levelsText : 'custom'}
          onChange={(e) => e.target.value !== 'custom' && onChange({ levels: e.target.value === modelLevels.join('-') ? null : e.target.value.split('-').map(Number), bin: null })}>
          {PRESETS.map((p) => <option key={p.value} value={p.value}>{p.label}{p.value === modelLevels.join('-') ? ' — the model\u2019s' : ''}</option>)}
          <option value="custom">custom…</option>
        </select></label>
        <label>Custom <input aria-label="Custom pyramid levels" className="levels-input" value={custom} size={10} aria-describedby="levels-help"
          onChange={(e) => setCustom(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') applyCustom(custom, modelLevels, onChange); }}
          onBlur={() => applyCustom(custom, modelLevels, onChange)} /></label>
        <span id="levels-help" className="small">bins per side, e.g. 5-2-1 (1–16 each, up to 6 levels)</span>
        <fieldset className="rule">
          <legend>Bin rule</legend>
          <label><input type="radio" name="rule" checked={settings.rule === 'adaptive'} onChange={() => onChange({ rule: 'adaptive', bin: null })} /> adaptive ⌊ia/n⌋…⌈(i+1)a/n⌉</label>
          <label><input type="radio" name="rule" checked={settings.rule === 'sliding'} onChange={() => onChange({ rule: 'sliding', bin: null })} /> sliding window ⌈a/n⌉, stride ⌊a/n⌋ (PAPER §2.3)</label>
        </fieldset>
      </div>
      {!insp.trained && (
        <p className="warn" role="note" data-testid="classifier-invalid">
          These are not the model&rsquo;s bins ({`{${modelLevels.join(', ')}}`}, adaptive): this vector has {insp.values.length.toLocaleString('en')} values
          {insp.pyramid.regular ? '' : ' in an irregular layout'}, and fc6 was trained on {(insp.k * modelLevels.reduce((a, n) => a + n * n, 0)).toLocaleString('en')} in the trained layout,
          so the classifier is not valid for it. The detections and scores on this page come from the model&rsquo;s own pyramid.
        </p>
      )}
      <figure ref={binsFig} className="viz-figure" data-testid="bins-figure">
        <figcaption>
          <strong>Pyramid bins</strong> on the window&rsquo;s {insp.pyramid.width}×{insp.pyramid.height} conv5 cells: {totalBins.map((b, l) => `${insp.pyramid.levels[l].n}×${insp.pyramid.levels[l].n} → ${b}`).join(', ')} ({M} bins in all).
          Each bin takes the max of each of the k = {insp.k} channels over its cells. <ExportButtons target={binsFig} name="pyramid-bins" title="Pyramid bins" />
        </figcaption>
        <div ref={binsWrap} className="bins-wrap"><svg ref={binsSvg} className="bins-svg" data-testid="bins-svg" /></div>
      </figure>
      <p className="viz-status" aria-live="polite" data-testid="viz-status">{status}</p>
      <div className="viz-row">
        <figure ref={vecFig} className="viz-figure grow" data-testid="vector-figure">
          <figcaption><strong>Pooled vector</strong>: {insp.values.length.toLocaleString('en')} = k {insp.k} × M {M} values, one row per bin, one column per channel; largest {insp.max.toFixed(2)}.
            <ExportButtons target={vecFig} name="pooled-vector" title="Pooled vector" /></figcaption>
          <div ref={vecWrap}><div ref={vecBox} data-testid="vector-view" /></div>
        </figure>
        <figure className="viz-figure" data-testid="backprojection-figure" ref={imgWrap}>
          <figcaption><strong>On the image</strong>: conv5 channel {channel}{hl?.value ? ' (the hovered value\u2019s)' : ' (most active in the window)'}; white: the window;
            thin coloured: the level&rsquo;s bins back-projected (cells × S / f), thick: the bin in play; pink: the cell whose value won the max.</figcaption>
          <div ref={imgBox} data-testid="backprojection-view" />
        </figure>
      </div>
    </div>
  );
}

function applyCustom(text: string, modelLevels: number[], onChange: (p: Partial<AppSettings>) => void): void {
  const t = text.trim().replace(/[{}\s]/g, '').replace(/,/g, '-');
  if (!/^\d{1,2}(-\d{1,2}){0,5}$/.test(t)) return;
  const lv = t.split('-').map(Number);
  if (!lv.every((n) => n >= 1 && n <= 16)) return;
  onChange({ levels: lv.join('-') === modelLevels.join('-') ? null : lv, bin: null });
}
