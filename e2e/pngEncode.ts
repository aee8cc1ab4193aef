// Minimal PNG writer for test inputs made at test time (8-bit RGB, no interlace, filter 0 on every row).
import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes an RGB image given by `pixel(x, y) -> [r, g, b]` evaluated per row run (`row(y)` fills one row). */
export function encodePngRgb(width: number, height: number, row: (y: number, out: Buffer) => void): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const line = Buffer.alloc(width * 3);
  for (let y = 0; y < height; y++) {
    row(y, line);
    raw[y * stride] = 0;
    line.copy(raw, y * stride + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A huge test picture: a light background with a few dark rectangles (compresses to a few MB). */
export function hugePng(width: number, height: number): Buffer {
  return encodePngRgb(width, height, (y, out) => {
    out.fill(230);
    for (const [x0, y0, w, h, v] of [[0.1, 0.1, 0.3, 0.4, 40], [0.55, 0.3, 0.35, 0.5, 90], [0.2, 0.6, 0.2, 0.3, 160]]) {
      if (y >= y0 * height && y < (y0 + h) * height) out.fill(v, Math.floor(x0 * width) * 3, Math.floor((x0 + w) * width) * 3);
    }
  });
}
