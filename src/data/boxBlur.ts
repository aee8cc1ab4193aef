/** How {@link boxBlur} treats pixels outside the buffer. */
export type BlurEdge = 'clamp' | 'zero';

/**
 * In-place separable box blur of an interleaved float image; `passes` box passes approximate a
 * Gaussian (3 passes of radius r: sigma ~ r). O(pixels) per pass whatever the radius (running sums).
 * Memory is walked in order and only r + 3 rows are copied (the vertical pass keeps a ring of the
 * original rows it still has to subtract).
 * @param data width * height * channels floats, interleaved, row-major.
 * @param radius box half-width in pixels (integer >= 0; 0 does nothing).
 * @param edge 'clamp' repeats the border (whole images), 'zero' treats outside as 0 (transparent layers).
 */
export function boxBlur(data: Float32Array, width: number, height: number, channels: number, radius: number, passes = 2, edge: BlurEdge = 'clamp'): void {
  const r = Math.floor(radius);
  if (r <= 0 || width === 0 || height === 0) return;
  const clamp = edge === 'clamp';
  const norm = 1 / (2 * r + 1);
  const C = channels, rowLen = width * C;
  const D = (2 * r + 1) * C;
  const pad = new Float32Array((width + 2 * r + 1) * C);
  const acc = new Float32Array(rowLen);
  const zero = new Float32Array(rowLen);
  const ring = new Float32Array((r + 1) * rowLen);
  const firstRow = new Float32Array(rowLen), lastRow = new Float32Array(rowLen);
  for (let p = 0; p < passes; p++) {
    // Horizontal: the row padded with r (+1 spare) edge pixels on each side, then a running sum.
    for (let y = 0; y < height; y++) {
      const row = y * rowLen;
      pad.set(data.subarray(row, row + rowLen), r * C);
      for (let i = 0; i < r * C; i++) pad[i] = clamp ? data[row + (i % C)] : 0;
      for (let i = 0; i < (r + 1) * C; i++) pad[(width + r) * C + i] = clamp ? data[row + rowLen - C + (i % C)] : 0;
      for (let c = 0; c < C; c++) {
        let sum = 0;
        for (let i = 0; i <= 2 * r; i++) sum += pad[i * C + c];
        for (let x = 0, o = row + c, a = c; x < width; x++, o += C, a += C) {
          data[o] = sum * norm;
          sum += pad[a + D] - pad[a];
        }
      }
    }
    // Vertical: one accumulator per column and channel, updated a whole row at a time; the rows
    // still to be subtracted are kept (original values) in a ring of r + 1 rows.
    firstRow.set(data.subarray(0, rowLen));
    lastRow.set(data.subarray((height - 1) * rowLen, height * rowLen));
    acc.fill(0);
    for (let i = -r; i <= r; i++) {
      const src = i < 0 ? (clamp ? firstRow : zero) : i >= height ? (clamp ? lastRow : zero) : data.subarray(i * rowLen, (i + 1) * rowLen);
      for (let k = 0; k < rowLen; k++) acc[k] += src[k];
    }
    for (let y = 0; y < height; y++) {
      const out = y * rowLen;
      ring.set(data.subarray(out, out + rowLen), (y % (r + 1)) * rowLen);
      const ya = y + r + 1, yr = y - r;
      // Row added next and row dropped next, as (array, offset) so the loop below has no branches.
      const add = ya < height ? data : clamp ? lastRow : zero;
      const addAt = ya < height ? ya * rowLen : 0;
      const sub = yr >= 0 ? ring : clamp ? firstRow : zero;
      const subAt = yr >= 0 ? (yr % (r + 1)) * rowLen : 0;
      for (let k = 0; k < rowLen; k++) {
        const v = acc[k];
        data[out + k] = v * norm;
        acc[k] = v + add[addAt + k] - sub[subAt + k];
      }
    }
  }
}
