import type { RefObject } from 'react';
import { figureToSvg, svgToPng } from '../../../viz/exportFigure';
import { download } from '../../download';

/** "SVG" and "PNG" buttons that save what a figure shows (canvases embedded, SVG kept as vectors). */
export function ExportButtons({ target, name, title }: { target: RefObject<HTMLElement | null>; name: string; title: string }) {
  const run = async (kind: 'svg' | 'png'): Promise<void> => {
    const el = target.current;
    if (!el) return;
    const { svg, width, height } = figureToSvg(el, title);
    if (kind === 'svg') download(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
    else download(await svgToPng(svg, width, height), `${name}.png`);
  };
  return (
    <span className="export-buttons">
      <button type="button" className="small-btn" onClick={() => void run('svg')} aria-label={`Export ${title} as SVG`}>SVG</button>
      <button type="button" className="small-btn" onClick={() => void run('png')} aria-label={`Export ${title} as PNG`}>PNG</button>
    </span>
  );
}
