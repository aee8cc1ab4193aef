import { useEffect, useRef } from 'react';
import { useWidth } from './viz/useWidth';
import { drawResult, type DrawResultOptions } from '../drawResult';

/** Props of {@link ImageView}. */
export interface ImageViewProps {
  bitmap: ImageBitmap;
  overlay: Omit<DrawResultOptions, 'scale'>;
  /** Accessible description of what the picture shows. */
  description: string;
  /** Tallest display height in CSS px. @default 560 */
  maxHeight?: number;
  /** Called with image-pixel coordinates when the image is clicked (picks a window). */
  onPick?: (x: number, y: number) => void;
}

/**
 * The image at its own aspect ratio (never warped), fitted to the panel, with the pipeline's boxes
 * drawn at screen resolution so labels stay legible on tiny and huge images alike.
 */
export function ImageView({ bitmap, overlay, description, maxHeight = 560, onPick }: ImageViewProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const width = useWidth(wrap);

  const scale = width > 0 ? Math.min(width / bitmap.width, maxHeight / bitmap.height) : 0;
  const cssW = Math.max(1, Math.round(bitmap.width * scale));
  const cssH = Math.max(1, Math.round(bitmap.height * scale));

  useEffect(() => {
    const c = canvas.current;
    if (!c || scale <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(cssW * dpr);
    c.height = Math.round(cssH * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawResult(ctx, bitmap, { ...overlay, scale });
  }, [bitmap, overlay, scale, cssW, cssH]);

  return (
    <div ref={wrap} className="image-wrap">
      <canvas ref={canvas} style={{ width: cssW, height: cssH }} role="img" aria-label={description} data-testid="result-canvas"
        className={onPick ? 'pickable' : undefined} onClick={onPick && scale > 0 ? (e) => onPick(e.nativeEvent.offsetX / scale, e.nativeEvent.offsetY / scale) : undefined} />
    </div>
  );
}
