/** Longest side (px) the app works on: larger images are downscaled on arrival, and the page says so. */
export const MAX_IMAGE_SIDE = 2048;

/** An image ready for the pipeline: opaque RGBA pixels, a bitmap to draw, and what happened on the way. */
export interface DecodedImage {
  name: string;
  width: number;
  height: number;
  /** RGBA, alpha 255 everywhere (transparent pixels composited over white). */
  rgba: ImageData;
  /** The same pixels, for drawing. */
  bitmap: ImageBitmap;
  /** [width, height] as the file had it (after EXIF rotation), before any downscaling. */
  originalSize: [number, number];
  /** Plain-language notes shown under the image (downscaled, first frame, transparency, SVG). */
  notes: string[];
  decodeMs: number;
  /** Ground truth when the image is a generated scene: [x1, y1, x2, y2] image pixels. */
  groundTruth?: Array<{ box: [number, number, number, number]; classId: number }>;
  /** What the URL can say to bring the same image back (samples only). */
  source?: string;
}

/** A decode failure with a message meant for the person who chose the file. */
export class ImageInputError extends Error {
  override readonly name = 'ImageInputError';
}

async function sniff(blob: Blob): Promise<{ svg: boolean; gif: boolean; text: string }> {
  const head = new Uint8Array(await blob.slice(0, 1024).arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  return { svg: /<svg[\s>]/i.test(text), gif: text.startsWith('GIF8'), text };
}

/** Frame count of an animated image via WebCodecs' ImageDecoder where the browser has it; 1 otherwise. */
async function frameCount(blob: Blob): Promise<number> {
  const Decoder = (globalThis as { ImageDecoder?: new (init: { data: ReadableStream; type: string }) => { tracks: { ready: Promise<void>; selectedTrack: { frameCount: number } | null }; close(): void } }).ImageDecoder;
  if (!Decoder || !blob.type) return 1;
  try {
    const d = new Decoder({ data: blob.stream(), type: blob.type });
    await d.tracks.ready;
    const n = d.tracks.selectedTrack?.frameCount ?? 1;
    d.close();
    return n;
  } catch {
    return 1;
  }
}

async function svgBitmap(blob: Blob, name: string): Promise<ImageBitmap> {
  const url = URL.createObjectURL(blob.type === 'image/svg+xml' ? blob : new Blob([blob], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch {
      throw new ImageInputError(`“${name}” looks like an SVG but the browser could not render it.`);
    }
    const unsized = new ImageInputError(`“${name}” is an SVG without a width and height, so it has no pixel size to detect on. Export it as PNG, or give the <svg> width and height attributes.`);
    if (!(img.naturalWidth > 0 && img.naturalHeight > 0)) throw unsized;
    try {
      return await createImageBitmap(img);
    } catch {
      throw unsized; // Chromium: "an SVG image without natural dimensions"
    }
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Decodes a dropped, picked, pasted or fetched file into an opaque RGBA image the pipeline can use:
 * EXIF orientation applied (shown upright), first frame of an animation, SVG rasterised at its
 * intrinsic size, transparency composited over white, and anything larger than MAX_IMAGE_SIDE
 * downscaled. Throws ImageInputError with a plain message for empty, non-image or corrupt files.
 */
export async function decodeImageBlob(blob: Blob, name: string): Promise<DecodedImage> {
  const t0 = performance.now();
  if (blob.size === 0) throw new ImageInputError(`“${name}” is empty (0 bytes).`);
  const { svg, gif } = await sniff(blob);
  if (blob.type && !blob.type.startsWith('image/') && !svg) {
    throw new ImageInputError(`“${name}” is not an image (${blob.type}). Try a PNG, JPEG, WebP or GIF.`);
  }
  const notes: string[] = [];
  let bitmap: ImageBitmap;
  if (svg) {
    bitmap = await svgBitmap(blob, name);
    notes.push(`SVG rasterised at its intrinsic size, ${bitmap.width}×${bitmap.height} px.`);
  } else {
    try {
      bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    } catch {
      throw new ImageInputError(`“${name}” could not be decoded: the file is corrupt, truncated or not an image format this browser reads.`);
    }
    const frames = gif || /image\/(webp|png|apng|avif)/.test(blob.type) ? await frameCount(blob) : 1;
    if (frames > 1) notes.push(`Animated image (${frames} frames): the first frame is used.`);
  }
  if (!(bitmap.width > 0 && bitmap.height > 0)) throw new ImageInputError(`“${name}” has no pixels.`);
  const originalSize: [number, number] = [bitmap.width, bitmap.height];
  const long = Math.max(bitmap.width, bitmap.height);
  if (long > MAX_IMAGE_SIDE) {
    const f = MAX_IMAGE_SIDE / long;
    const w = Math.max(1, Math.round(bitmap.width * f)), h = Math.max(1, Math.round(bitmap.height * f));
    const small = await createImageBitmap(bitmap, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
    bitmap.close();
    bitmap = small;
    notes.push(`Downscaled from ${originalSize[0]}×${originalSize[1]} to ${w}×${h} px: the app works on images up to ${MAX_IMAGE_SIDE} px per side.`);
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ImageInputError('This browser gave no 2D canvas to read the image with.');
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height);
  if (compositeOverWhite(rgba.data)) {
    notes.push('Transparent pixels are shown and detected over white.');
    bitmap.close();
    bitmap = await createImageBitmap(rgba);
  }
  return { name, width, height, rgba, bitmap, originalSize, notes, decodeMs: performance.now() - t0 };
}

/** Composites straight-alpha RGBA over white in place; true if any pixel was not opaque. */
export function compositeOverWhite(data: Uint8ClampedArray): boolean {
  let any = false;
  for (let i = 3; i < data.length; i += 4) {
    const a = data[i];
    if (a === 255) continue;
    any = true;
    const k = a / 255;
    data[i - 3] = data[i - 3] * k + 255 * (1 - k);
    data[i - 2] = data[i - 2] * k + 255 * (1 - k);
    data[i - 1] = data[i - 1] * k + 255 * (1 - k);
    data[i] = 255;
  }
  return any;
}

/** An image from raw opaque RGBA (a generated scene), in the same shape as a decoded file. */
export async function imageFromRgba(name: string, width: number, height: number, data: Uint8ClampedArray, extra: Partial<DecodedImage> = {}): Promise<DecodedImage> {
  const t0 = performance.now();
  const rgba = new ImageData(new Uint8ClampedArray(data), width, height);
  const bitmap = await createImageBitmap(rgba);
  return { name, width, height, rgba, bitmap, originalSize: [width, height], notes: [], decodeMs: performance.now() - t0, ...extra };
}
