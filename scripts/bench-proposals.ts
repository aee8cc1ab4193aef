// npm run bench:proposals [-- --reference --reps 3 --modes single,fast,quality]
// Selective search on every fixture photo (../shared/fixtures/photos/*.png): median ms per image,
// proposal count, recall@0.5/0.7 and ABO at top-500/1000/2000/all, for each mode. With --reference it
// also runs OpenCV (../shared/tools/ref_selective_search.py, Debian's /usr/bin/python3) 'fast' and
// 'paper-fast' on the same images in the same run, single-threaded at the same working size (max
// side 500), and prints the time ratio ours/OpenCV and both recalls. Writes bench-results/proposals.json.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { proposalQuality } from '../src/proposals/proposalMetrics';
import { selectiveSearchDetailed } from '../src/proposals/selectiveSearch';
import type { SelectiveSearchMode } from '../src/proposals/diversification';
import { printTable, writeResults } from './lib/benchTable';
import { PHOTOS_DIR, SHARED_DIR, listFixtures, loadImage } from './lib/loadImage';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const REPS = Number(opt('reps', '3'));
const MODES = opt('modes', 'single,fast,quality').split(',') as SelectiveSearchMode[];
const REFERENCE = args.includes('--reference');
const MAX_SIDE = 500;
const TOPS = [500, 1000, 2000, Infinity];
const PYTHON = '/usr/bin/python3';
const REF_SCRIPT = path.join(SHARED_DIR, 'tools', 'ref_selective_search.py');
const REF_MODES = ['fast', 'paper-fast'] as const;

type Row = Record<string, string | number>;
const median = (v: number[]): number => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

const gtByName = new Map(listFixtures().map((f) => [f.name, f.gt]));
const files = fs.readdirSync(PHOTOS_DIR).filter((f) => f.endsWith('.png')).sort();

if (REFERENCE && spawnSync(PYTHON, ['-c', 'import cv2'], { stdio: 'ignore' }).status !== 0) {
  console.error(`--reference needs Debian's python3-opencv (${PYTHON} -c "import cv2" failed)`);
  process.exit(1);
}

/** Quality columns for one proposal list against the image's ground truth (blank without it). */
function qualityColumns(boxes: Float32Array, gt: Float32Array | undefined): Row {
  if (!gt) return { 'r@0.5': '-', 'r@0.7': '-', 'ABO500': '-', 'ABO1000': '-', 'ABO2000': '-', 'ABOall': '-' };
  const all = proposalQuality(boxes, gt);
  const abo = TOPS.map((t) => proposalQuality(boxes, gt, t).abo);
  return { 'r@0.5': all.recall50, 'r@0.7': all.recall70, 'ABO500': abo[0], 'ABO1000': abo[1], 'ABO2000': abo[2], 'ABOall': abo[3] };
}

/** Runs OpenCV on one image; returns its median time (ms) and proposals as flat x1,y1,x2,y2. */
function runReference(file: string, mode: string): { ms: number; boxes: Float32Array } {
  const out = path.join(os.tmpdir(), `ss-ref-${process.pid}-${mode}.json`);
  const stdout = execFileSync(PYTHON, [REF_SCRIPT, file, mode, '--out', out, '--max-side', String(MAX_SIDE), '--threads', '1', '--repeat', String(REPS)], { encoding: 'utf8' });
  const info = JSON.parse(stdout.trim().split('\n').pop() as string) as { time_s_median: number };
  const xywh = JSON.parse(fs.readFileSync(out, 'utf8')) as number[][];
  fs.rmSync(out, { force: true });
  const boxes = new Float32Array(4 * xywh.length);
  xywh.forEach(([x, y, w, h], i) => boxes.set([x, y, x + w, y + h], 4 * i));
  return { ms: info.time_s_median * 1000, boxes };
}

// Warm the JIT once so the first image is not charged for compilation.
const warm = await loadImage(path.join(PHOTOS_DIR, files[0]));
selectiveSearchDetailed(warm, { mode: 'fast' });

const rows: Row[] = [];
const json: Array<Record<string, unknown>> = [];
const hits: Record<string, { n50: number; n70: number; total: number; ms: number[]; counts: number[] }> = {};
const tally = (method: string, boxes: Float32Array, gt: Float32Array | undefined, ms: number): void => {
  const t = (hits[method] ??= { n50: 0, n70: 0, total: 0, ms: [], counts: [] });
  t.ms.push(ms);
  t.counts.push(boxes.length / 4);
  if (!gt) return;
  const q = proposalQuality(boxes, gt), g = gt.length / 4;
  t.n50 += q.recall50 * g; t.n70 += q.recall70 * g; t.total += g;
};
const ratios: Record<string, number[]> = {};

for (const file of files) {
  const name = file.replace(/\.png$/, '');
  const img = await loadImage(path.join(PHOTOS_DIR, file));
  const gt = gtByName.get(name);
  const ours: Record<string, number> = {};
  for (const mode of MODES) {
    const reps = mode === 'quality' ? 1 : REPS;
    const times: number[] = [];
    let result = selectiveSearchDetailed(img, { mode, maxSide: MAX_SIDE });
    times.push(result.timings.total);
    for (let r = 1; r < reps; r++) {
      result = selectiveSearchDetailed(img, { mode, maxSide: MAX_SIDE });
      times.push(result.timings.total);
    }
    const ms = median(times);
    ours[mode] = ms;
    tally(`ours ${mode}`, result.boxes, gt, ms);
    const row: Row = { image: name, method: `ours ${mode}`, ms: Math.round(ms), boxes: result.boxes.length / 4, ...qualityColumns(result.boxes, gt) };
    rows.push(row);
    json.push({ ...row, timings: result.timings, runsMs: times, workingSize: result.workingSize, candidates: result.candidateCount });
  }
  if (REFERENCE) {
    for (const mode of REF_MODES) {
      const ref = runReference(path.join(PHOTOS_DIR, file), mode);
      tally(`opencv ${mode}`, ref.boxes, gt, ref.ms);
      const row: Row = { image: name, method: `opencv ${mode}`, ms: Math.round(ref.ms), boxes: ref.boxes.length / 4, ...qualityColumns(ref.boxes, gt) };
      if (ours.fast !== undefined) {
        row['ours fast/this'] = ours.fast / ref.ms;
        (ratios[mode] ??= []).push(ours.fast / ref.ms);
      }
      rows.push(row);
      json.push(row);
    }
  }
}

printTable(rows);
console.log('');
const summary: Row[] = Object.entries(hits).map(([method, t]) => ({
  method,
  'median ms': Math.round(median(t.ms)),
  'max ms': Math.round(Math.max(...t.ms)),
  'median boxes': median(t.counts),
  [`r@0.5 (${t.total} gt)`]: t.total ? t.n50 / t.total : '-',
  [`r@0.7 (${t.total} gt)`]: t.total ? t.n70 / t.total : '-',
}));
printTable(summary);
if (REFERENCE && ratios.fast) {
  console.log('');
  for (const [mode, r] of Object.entries(ratios)) {
    console.log(`time ratio ours fast / opencv ${mode}: median ${median(r).toFixed(3)}, max ${Math.max(...r).toFixed(3)} (per image: ${r.map((v) => v.toFixed(2)).join(' ')})`);
  }
}
const file = writeResults('proposals', {
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, loadavg: os.loadavg() },
  reps: REPS, maxSide: MAX_SIDE, reference: REFERENCE, rows: json, summary,
  ratios: Object.fromEntries(Object.entries(ratios).map(([m, r]) => [m, { median: median(r), perImage: r }])),
});
console.log(`\nwrote ${file}`);
