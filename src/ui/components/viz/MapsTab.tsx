import { useEffect, useMemo, useRef } from 'react';
import type { FeatureMaps, FeatureMapLayer } from '../../../pipeline/featureMaps';
import { ChannelView, paintChannel } from '../../../viz/channelView';
import type { AppSettings } from '../../urlState';
import { ExportButtons } from './ExportButtons';
import { useWidth } from './useWidth';

/** Props of {@link MapsTab}. */
export interface MapsTabProps {
  maps: FeatureMaps;
  bitmap: ImageBitmap;
  imageSize: [number, number];
  /** The inspected window in image pixels and the factor f of its scale. */
  box: [number, number, number, number];
  f: number;
  settings: Pick<AppSettings, 'layer' | 'channel'>;
  onChange: (patch: Partial<AppSettings>) => void;
}

/** Per channel, its largest value over the cells of `layer` under the window (image box → cells at the layer's stride). */
export function windowChannelMax(layer: FeatureMapLayer, box: readonly number[], f: number): Float32Array {
  const [h, w, k] = layer.shape;
  const S = layer.stride;
  const x0 = Math.max(0, Math.floor((box[0] * f) / S)), x1 = Math.min(w - 1, Math.ceil((box[2] * f) / S) - 1);
  const y0 = Math.max(0, Math.floor((box[1] * f) / S)), y1 = Math.min(h - 1, Math.ceil((box[3] * f) / S) - 1);
  const out = new Float32Array(k);
  for (let y = y0; y <= Math.max(y0, y1); y++) {
    for (let x = x0; x <= Math.max(x0, x1); x++) {
      const o = (y * w + x) * k;
      for (let c = 0; c < k; c++) if (layer.data[o + c] > out[c]) out[c] = layer.data[o + c];
    }
  }
  return out;
}

function Thumb({ layer, channel, selected, activity, onPick }: { layer: FeatureMapLayer; channel: number; selected: boolean; activity: number; onPick: () => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => { if (ref.current) paintChannel(ref.current, layer, channel); }, [layer, channel]);
  return (
    <button type="button" className={selected ? 'thumb selected' : 'thumb'} aria-pressed={selected} onClick={onPick}
      aria-label={`${layer.name} channel ${channel}, largest value in the window ${activity.toFixed(2)}`}>
      <canvas ref={ref} style={{ width: 72, height: Math.round((72 * layer.shape[0]) / layer.shape[1]) }} />
      <span>{channel}</span>
    </button>
  );
}

/** Each conv layer channel by channel over the image, ordered by how strongly it fires inside the window. */
export function MapsTab({ maps, bitmap, imageSize, box, f, settings, onChange }: MapsTabProps) {
  const layer = maps.layers.find((l) => l.name === settings.layer) ?? maps.layers[maps.layers.length - 1];
  const activity = useMemo(() => windowChannelMax(layer, box, f), [layer, box, f]);
  const order = useMemo(() => Array.from(activity.keys()).sort((a, b) => activity[b] - activity[a] || a - b), [activity]);
  const channel = settings.channel !== null && settings.channel < layer.shape[2] ? settings.channel : order[0];
  const wrap = useRef<HTMLDivElement>(null);
  const box2 = useRef<HTMLDivElement>(null);
  const view = useRef<ChannelView | null>(null);
  const width = useWidth(wrap);
  useEffect(() => { view.current = new ChannelView(box2.current!, 480); }, []);
  useEffect(() => { if (width > 0) view.current?.setWidth(Math.min(width, 640)); }, [width]);
  useEffect(() => {
    view.current?.update({ bitmap, imageSize, layer, channel, f }, 360);
    view.current?.mark({ window: box });
  }, [bitmap, imageSize, layer, channel, f, box, width]);
  const fig = useRef<HTMLElement>(null);
  return (
    <div className="maps-tab">
      <div className="viz-controls">
        <label>Layer <select aria-label="Feature-map layer" value={layer.name} onChange={(e) => onChange({ layer: e.target.value, channel: null })}>
          {maps.layers.map((l) => <option key={l.name} value={l.name}>{l.name}: {l.shape[1]}×{l.shape[0]} cells × {l.shape[2]} channels, stride {l.stride}</option>)}
        </select></label>
      </div>
      <figure ref={fig} className="viz-figure" data-testid="maps-figure">
        <figcaption><strong>{layer.name}, channel {channel}</strong> over the image at s = {maps.s} ({layer.shape[1]}×{layer.shape[0]} cells of {layer.stride} px):
          brighter = stronger response after ReLU; white box: the window. The trunk ran once; every window reads these same maps.
          <ExportButtons target={fig} name={`${layer.name}-channel-${channel}`} title={`${layer.name} channel ${channel}`} /></figcaption>
        <div ref={wrap}><div ref={box2} data-testid="channel-view" /></div>
      </figure>
      <h3 className="small-h">All {layer.shape[2]} channels, most active in the window first</h3>
      <div className="thumbs" role="group" aria-label={`${layer.name} channels`}>
        {order.map((c) => <Thumb key={`${layer.name}-${c}`} layer={layer} channel={c} selected={c === channel} activity={activity[c]} onPick={() => onChange({ channel: c })} />)}
      </div>
    </div>
  );
}
