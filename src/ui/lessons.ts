import { type AppSettings, DEFAULT_SETTINGS, settingsToHash } from './urlState';

/** A built-in lesson: a view state (a link) and what a teacher would say over it. */
export interface Lesson {
  id: string;
  title: string;
  /** Settings the lesson sets (everything else at its default). */
  patch: Partial<AppSettings>;
  /** Paragraphs shown beside the views while the lesson is open. */
  text: string[];
}

/** The built-in lessons, in teaching order. */
export const LESSONS: Lesson[] = [
  {
    id: 'aspect', title: 'Arbitrary aspect without warping',
    patch: { src: 'photo:chelsea', win: -1, tab: 'pyramid' },
    text: [
      'R-CNN crops every window and warps it to 227×227, squashing a wide window into a square. SPP-net never resizes a window: the whole photo goes through the conv layers once, and the window (here the whole image) covers a wide block of conv5 cells.',
      'Each pyramid level cuts that block into n×n bins whatever its shape, so wide windows get wide bins and tall windows tall ones; max pooling per bin then gives the same k·M numbers for any size or aspect ratio (PAPER §2.3). Hover a bin to see the k values it produced.',
    ],
  },
  {
    id: 'bins50', title: 'Why 50 bins',
    patch: { src: 'scene:3000000', win: -1, tab: 'pyramid' },
    text: [
      'The fc6 layer needs a fixed-length input. The pyramid {6, 3, 2, 1} always has 36 + 9 + 4 + 1 = 50 bins, so each window becomes 50·k values (k = conv5 channels: 256 in the paper, 64 in our small model), whatever its size.',
      'Fine levels (6×6) keep where things are; coarse ones (1×1 is global max pooling) keep what is there anywhere in the window. The paper used {6,3,2,1} for detection and {4,3,2,1} (30 bins) in some classification runs. Try the {4,3,2,1} levels: the vector shrinks to 30·k values, and the classifier trained on 50·k is no longer valid.',
    ],
  },
  {
    id: 'defect', title: 'The ceil/floor defect',
    patch: { src: 'scene:3000000', cells: [10, 8], tab: 'pyramid', rule: 'sliding' },
    text: [
      'PAPER §2.3 describes each level as a pooling window of ⌈a/n⌉ cells moved by ⌊a/n⌋ cells. For many sizes that does not give n bins: a = 10, n = 6 gives 9 windows, and a = 8, n = 3 never looks at cell 7. Here a 10×8-cell window shows both: 9 columns of bins instead of 6 at the 6×6 level, and the last row of cells never pooled at the 3×3 level (red). Try other sizes (a × b cells), or the whole image.',
      'Switch the rule to adaptive: bin i spans ⌊i·a/n⌋ to ⌈(i+1)·a/n⌉, always n bins covering every cell. That is what the authors\u2019 released code and our model use.',
    ],
  },
  {
    id: 'projection', title: 'From a window to conv5 cells',
    patch: { src: 'scene:3000000', tab: 'projection' },
    text: [
      'A proposal lives in image pixels. The image was resized so its short side is s, so the window is multiplied by f = s / min(w, h); conv5 has one cell per S = 16 pixels, so the window is divided by S and rounded inward (left/top ⌊x/S⌋ + 1, right/bottom ⌈x/S⌉ − 1, PAPER App. A).',
      'No pixels are cropped or recomputed: the window is just a block of cells in the one feature map of the whole image.',
    ],
  },
  {
    id: 'speed', title: 'Why SPP-net is ~100× faster than R-CNN',
    patch: { src: 'scene:3000000', tab: 'speed' },
    text: [
      'R-CNN runs the whole conv network once per window (about 2,000 per image). SPP-net runs it once per image and only pools each window from the shared feature map, so its cost barely grows with the number of windows (PAPER §3.2, Table: 24–102× faster).',
      'Measure it here: the button runs the R-CNN way on the first 50 windows in this browser, on the same backend and model, and extrapolates to all windows.',
    ],
  },
];

/** The link (hash) that opens a lesson. */
export function lessonHash(l: Lesson): string {
  return settingsToHash({ ...DEFAULT_SETTINGS, ...l.patch, lesson: l.id });
}
