import { ALL_EMOJI } from './classes';
import type { SpriteAtlas } from './spriteAtlas';

/** Options of {@link syntheticAtlas}. */
export interface SyntheticAtlasOptions {
  /** Glyph width in pixels. @default 24 */
  glyphWidth?: number;
  /** Glyph height in pixels. @default 20 */
  glyphHeight?: number;
  /** Emoji to include. @default ALL_EMOJI */
  emoji?: readonly string[];
}

/**
 * A small in-memory atlas with one opaque, anti-aliased, distinctly coloured ellipse per emoji (fully
 * filling its rectangle edge to edge): lets tests and demos run the generator without the PNG.
 */
export function syntheticAtlas(options: SyntheticAtlasOptions = {}): SpriteAtlas {
  const { glyphWidth: gw = 24, glyphHeight: gh = 20, emoji = ALL_EMOJI } = options;
  const cols = Math.ceil(Math.sqrt(emoji.length));
  const rows = Math.ceil(emoji.length / cols);
  const cellW = gw + 2, cellH = gh + 2;
  const width = cols * cellW + 2, height = rows * cellH + 2;
  const data = new Uint8ClampedArray(width * height * 4);
  const glyphs: Record<string, { x: number; y: number; w: number; h: number }> = {};
  emoji.forEach((e, k) => {
    const x0 = 2 + (k % cols) * cellW, y0 = 2 + Math.floor(k / cols) * cellH;
    glyphs[e] = { x: x0, y: y0, w: gw, h: gh };
    const r = (k * 97) % 256, g = (k * 57 + 80) % 256, b = (k * 151 + 30) % 256;
    for (let y = 0; y < gh; y++) {
      for (let x = 0; x < gw; x++) {
        // Distance from the pixel centre to the ellipse edge, in pixels (approximate): 0.5 px ramp.
        const u = (x + 0.5 - gw / 2) / (gw / 2), v = (y + 0.5 - gh / 2) / (gh / 2);
        const d = (Math.sqrt(u * u + v * v) - 1) * Math.min(gw, gh) / 2;
        const a = Math.min(1, Math.max(0, 0.5 - d));
        const i = ((y0 + y) * width + x0 + x) * 4;
        data[i] = r; data[i + 1] = g; data[i + 2] = b; data[i + 3] = Math.round(a * 255);
      }
    }
  });
  return { width, height, data, glyphs };
}
