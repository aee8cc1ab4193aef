const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * One standalone SVG of everything a view draws inside `el`: each visible canvas becomes an embedded
 * PNG <image> and each SVG is nested at its place on screen, so the file opens anywhere and looks
 * like the page. `title` is written at the top.
 */
export function figureToSvg(el: HTMLElement, title: string): { svg: string; width: number; height: number } {
  const box = el.getBoundingClientRect();
  const top = 24;
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height) + top;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  root.appendChild(bg);
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', '4');
  t.setAttribute('y', '16');
  t.setAttribute('font-family', 'system-ui, sans-serif');
  t.setAttribute('font-size', '13');
  t.setAttribute('font-weight', '600');
  t.textContent = title;
  root.appendChild(t);
  for (const node of el.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg')) {
    if (node instanceof SVGSVGElement && node.parentElement?.closest('svg')) continue; // nested: comes with its parent
    const r = node.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    const x = String(r.left - box.left), y = String(r.top - box.top + top);
    const opacity = getComputedStyle(node).opacity;
    if (node instanceof HTMLCanvasElement) {
      const img = document.createElementNS(SVG_NS, 'image');
      img.setAttribute('href', node.toDataURL('image/png'));
      img.setAttribute('x', x);
      img.setAttribute('y', y);
      img.setAttribute('width', String(r.width));
      img.setAttribute('height', String(r.height));
      img.setAttribute('preserveAspectRatio', 'none');
      img.setAttribute('style', 'image-rendering: pixelated');
      if (opacity !== '1') img.setAttribute('opacity', opacity);
      root.appendChild(img);
    } else {
      const copy = node.cloneNode(true) as SVGSVGElement;
      copy.setAttribute('x', x);
      copy.setAttribute('y', y);
      copy.setAttribute('width', String(r.width));
      copy.setAttribute('height', String(r.height));
      copy.removeAttribute('style');
      root.appendChild(copy);
    }
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** Rasterises an SVG string to a PNG at `scale` × its size (2 = crisp on slides). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = Math.round(width * scale);
    c.height = Math.round(height * scale);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('export: no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('export: PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
