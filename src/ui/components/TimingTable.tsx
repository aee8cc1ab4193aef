import type { RunResult } from '../demoController';

/** PAPER §4 table (ZF-5, GPU, 2014; average over 100 VOC 2007 images, ~2,000 windows). Seconds. */
const PAPER = {
  proposals: '1–2 s (CPU)',
  conv1: 0.053, conv5: 0.293, fc: 0.089, total1: 0.142, total5: 0.382,
};

const ms = (v: number | undefined): string => (v === undefined ? '–' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`);

/** Where the time went in the last run, beside the paper's GPU figures (another machine: compare ratios). */
export function TimingTable({ result }: { result: RunResult }) {
  const t = result.trace.timings;
  const multi = result.trace.scales.length > 1;
  const detector = t.resize + t.conv + t.spp + t.fc + t.nms;
  const rows: Array<[string, number | undefined, string]> = [
    ['decode', t.decode, '–'],
    [`proposals (selective search, ${result.mode}, worker)`, t.proposals, PAPER.proposals],
    ['resize to scale s', t.resize, '–'],
    [`conv trunk (${multi ? `${result.trace.scales.length} scales` : 'once'})`, t.conv, `${multi ? PAPER.conv5 : PAPER.conv1} s`],
    ['SPP of every window', t.spp, 'in fc'],
    ['fc6, fc7, softmax, box regression', t.fc, `${PAPER.fc} s`],
    ['per-class NMS', t.nms, '–'],
  ];
  return (
    <table className="timings" aria-label="Time per pipeline stage">
      <caption>Time per stage on <strong>{result.backend}</strong>, this browser</caption>
      <thead>
        <tr><th scope="col">stage</th><th scope="col">here</th><th scope="col" title="SPP-net paper, Table 7 setting: GPU, 2014">paper, GPU 2014*</th></tr>
      </thead>
      <tbody>
        {rows.map(([name, v, paper]) => (
          <tr key={name}><th scope="row">{name}</th><td data-testid={`t-${name.split(' ')[0]}`}>{ms(v)}</td><td>{paper}</td></tr>
        ))}
        <tr className="sum"><th scope="row">detector (resize → NMS)</th><td>{ms(detector)}</td><td>{`${multi ? PAPER.total5 : PAPER.total1} s`}</td></tr>
        <tr className="sum"><th scope="row">end to end (decode → boxes)</th><td data-testid="t-total">{ms(result.totalMs)}</td><td>–</td></tr>
        <tr><th scope="row">top-5 classification (extra passes: 8 full-image views)</th><td>{ms(result.classifyMs)}</td><td>–</td></tr>
      </tbody>
      <tfoot>
        <tr><td colSpan={3} className="note">* He et al., §4: ZF-5 on a 2014 GPU, ~2,000 windows per VOC image. A different machine and a
          full-size network: compare ratios (e.g. SPP vs the R-CNN way below), not absolute times.</td></tr>
      </tfoot>
    </table>
  );
}
