// npm run atlas [-- --font /path/NotoColorEmoji.ttf --out public/sprites]
// Renders every Emoji-VOC class emoji (canonical + variants) and every distractor with Noto Color Emoji
// (Debian fonts-noto-color-emoji 2.042, SIL OFL 1.1) at the font's native bitmap strike (109 px text,
// glyphs about 128 px tall), trims each glyph to its alpha bounding box, shelf-packs them with a
// transparent gutter into public/sprites/emoji-atlas.png + emoji-atlas.json, and copies the OFL notice
// to public/sprites/OFL.txt. Fails loudly if a glyph is empty, monochrome (a fallback font drew it) or
// wider than one emoji (a VS16 sequence that did not compose).
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { ALL_EMOJI } from '../src/data/classes';
import { SPRITE_ATLAS_VERSION, type GlyphRect, type SpriteAtlasJson } from '../src/data/spriteAtlas';
import { REPO_ROOT } from './lib/loadImage';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const FONT_FILE = opt('font', '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf');
const OUT_DIR = path.resolve(REPO_ROOT, opt('out', 'public/sprites'));
const COPYRIGHT_FILE = '/usr/share/doc/fonts-noto-color-emoji/copyright';
const FONT_LABEL = 'Noto Color Emoji 2.042 (SIL OFL 1.1)';
/** Noto Color Emoji's bitmaps are 136x128 at 109 px: drawing at that size avoids resampling. */
const FONT_PX = 109;
const CANVAS = 176;
/** Transparent pixels around every glyph so bilinear sampling at a glyph edge never reads a neighbour. */
const GUTTER = 2;
const ATLAS_WIDTH = 1024;

if (!fs.existsSync(FONT_FILE)) {
  console.error(`build-atlas: font not found at ${FONT_FILE}; install it with: apt-get install -y fonts-noto-color-emoji`);
  process.exit(1);
}
GlobalFonts.registerFromPath(FONT_FILE, 'Noto Color Emoji');

interface Glyph { emoji: string; w: number; h: number; rgba: Uint8ClampedArray }

/** Draws `emoji` centred on a fresh canvas with text colour `fill`; returns its RGBA bytes. */
function draw(emoji: string, fill: string): Uint8ClampedArray {
  const canvas = createCanvas(CANVAS, CANVAS);
  const ctx = canvas.getContext('2d');
  ctx.font = `${FONT_PX}px "Noto Color Emoji"`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = fill;
  ctx.fillText(emoji, CANVAS / 2, CANVAS / 2);
  return ctx.getImageData(0, 0, CANVAS, CANVAS).data;
}

/**
 * Renders one emoji, trims it to alpha > 0 and checks it is a real colour glyph: a colour bitmap
 * ignores the text fill, so drawing it in black and in green must give identical pixels (a fallback
 * outline font would follow the fill), and it must hold many distinct colours (not a flat silhouette).
 */
function renderGlyph(emoji: string): Glyph {
  const data = draw(emoji, '#000');
  const green = draw(emoji, '#0f0');
  const name = `${JSON.stringify(emoji)} (${[...emoji].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ')})`;
  let diff = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== green[i]) diff++;
  if (diff > 0) throw new Error(`build-atlas: ${name} follows the text colour (${diff} bytes differ): a monochrome fallback, not a Noto colour glyph`);
  let x0 = CANVAS, y0 = CANVAS, x1 = -1, y1 = -1, opaque = 0;
  const colours = new Set<number>();
  for (let y = 0; y < CANVAS; y++) {
    for (let x = 0; x < CANVAS; x++) {
      const i = (y * CANVAS + x) * 4;
      if (data[i + 3] === 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      if (data[i + 3] >= 128) {
        opaque++;
        colours.add(((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4));
      }
    }
  }
  if (x1 < 0) throw new Error(`build-atlas: ${name} rendered nothing`);
  const w = x1 - x0 + 1, h = y1 - y0 + 1;
  if (x0 === 0 || y0 === 0 || x1 === CANVAS - 1 || y1 === CANVAS - 1) throw new Error(`build-atlas: ${name} touches the ${CANVAS}px canvas edge (${w}x${h}); is it more than one glyph?`);
  if (opaque < 0.1 * w * h) throw new Error(`build-atlas: ${name} is almost empty (${opaque} opaque px in ${w}x${h})`);
  if (colours.size < 4) throw new Error(`build-atlas: ${name} has only ${colours.size} distinct colours: monochrome, not a Noto colour glyph`);
  if (w > 144 || h > 144) throw new Error(`build-atlas: ${name} is ${w}x${h}, larger than one emoji cell`);
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) rgba.set(data.subarray(((y0 + y) * CANVAS + x0) * 4, ((y0 + y) * CANVAS + x1 + 1) * 4), y * w * 4);
  return { emoji, w, h, rgba };
}

const t0 = performance.now();
const glyphs = ALL_EMOJI.map(renderGlyph);
if (new Set(ALL_EMOJI).size !== ALL_EMOJI.length) throw new Error('build-atlas: an emoji is listed twice (classes/distractors overlap)');

// Shelf packing, tallest first, in a fixed width; each glyph keeps GUTTER transparent pixels around it.
const order = [...glyphs].sort((a, b) => b.h - a.h || b.w - a.w || (a.emoji < b.emoji ? -1 : 1));
const rects = new Map<string, GlyphRect>();
let x = GUTTER, y = GUTTER, shelf = 0;
for (const g of order) {
  if (x + g.w + GUTTER > ATLAS_WIDTH) { x = GUTTER; y += shelf + GUTTER; shelf = 0; }
  rects.set(g.emoji, { x, y, w: g.w, h: g.h });
  x += g.w + GUTTER;
  shelf = Math.max(shelf, g.h);
}
const height = y + shelf + GUTTER;
const canvas = createCanvas(ATLAS_WIDTH, height);
const ctx = canvas.getContext('2d');
const image = ctx.createImageData(ATLAS_WIDTH, height);
for (const g of glyphs) {
  const r = rects.get(g.emoji)!;
  for (let row = 0; row < g.h; row++) image.data.set(g.rgba.subarray(row * g.w * 4, (row + 1) * g.w * 4), ((r.y + row) * ATLAS_WIDTH + r.x) * 4);
}
ctx.putImageData(image, 0, 0);

fs.mkdirSync(OUT_DIR, { recursive: true });
const png = canvas.toBuffer('image/png');
fs.writeFileSync(path.join(OUT_DIR, 'emoji-atlas.png'), png);
const json: SpriteAtlasJson = {
  version: SPRITE_ATLAS_VERSION,
  font: FONT_LABEL,
  glyphs: Object.fromEntries(ALL_EMOJI.map((e) => [e, rects.get(e)!])),
};
fs.writeFileSync(path.join(OUT_DIR, 'emoji-atlas.json'), `${JSON.stringify(json, null, 1)}\n`);

// OFL notice: the SIL-1.1 stanza of Debian's copyright file, unfolded from DEP-5 continuation lines.
const copyright = fs.readFileSync(COPYRIGHT_FILE, 'utf8');
const start = copyright.search(/^License:\s+SIL-1\.1\n /m); // the licence text stanza, not the Files: line
if (start < 0) throw new Error(`build-atlas: no SIL-1.1 licence stanza in ${COPYRIGHT_FILE}`);
const stanza = copyright.slice(start).split('\n').slice(1);
const end = stanza.findIndex((l) => l.length > 0 && !l.startsWith(' '));
const ofl = (end < 0 ? stanza : stanza.slice(0, end)).map((l) => (l === ' .' ? '' : l.replace(/^ /, ''))).join('\n').trimEnd();
fs.writeFileSync(
  path.join(OUT_DIR, 'OFL.txt'),
  `The glyphs in emoji-atlas.png were rendered from Noto Color Emoji ${FONT_LABEL.split(' ')[3]}\n` +
    '(https://github.com/googlefonts/noto-emoji; Debian package fonts-noto-color-emoji).\n\n' +
    'Copyright 2013-2017 Google Inc., Arjen Nienhuis <a.g.nienhuis@gmail.com>\n\n' +
    `${ofl}\n`,
);

console.log(`atlas: ${glyphs.length} glyphs, ${ATLAS_WIDTH}x${height} px, ${png.length} bytes PNG -> ${path.relative(REPO_ROOT, OUT_DIR)}/ (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
