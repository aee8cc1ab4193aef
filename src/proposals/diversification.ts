import { COLOUR_SPACES, type ColourSpace } from './colourSpaces';
import { similarityTerms, type SimilaritySet } from './similarity';

/** Diversification preset (SELECTIVE_SEARCH.md §4). */
export type SelectiveSearchMode = 'single' | 'fast' | 'quality';

/**
 * A diversification strategy: segmentation runs once per (colour space, k) and hierarchical grouping
 * once per similarity set on each, so there are colourSpaces x ks x similarities hierarchies.
 */
export interface Strategy {
  /** Colour spaces, outer loop. */
  colourSpaces: readonly ColourSpace[];
  /** FH scales k, inner loop (min_size = k). */
  ks: readonly number[];
  /** Similarity sets, one hierarchy each. */
  similarities: readonly SimilaritySet[];
  /** FH pre-smoothing, pixels. */
  sigma: number;
}

/** The paper's table: single (1 hierarchy), fast (8), quality (80). */
export const MODES: Readonly<Record<SelectiveSearchMode, Strategy>> = {
  single: { colourSpaces: ['hsv'], ks: [100], similarities: ['CTSF'], sigma: 0.8 },
  fast: { colourSpaces: ['hsv', 'lab'], ks: [50, 100], similarities: ['CTSF', 'TSF'], sigma: 0.8 },
  quality: {
    colourSpaces: ['hsv', 'lab', 'rgi', 'h', 'i'],
    ks: [50, 100, 150, 300],
    similarities: ['CTSF', 'TSF', 'F', 'S'],
    sigma: 0.8,
  },
};

/**
 * The strategy of `mode` with any fields of `overrides` replacing its own, validated (messages quote
 * the bad value).
 */
export function resolveStrategy(mode: SelectiveSearchMode, overrides: Partial<Strategy> = {}): Strategy {
  const base = MODES[mode];
  if (!base) throw new Error(`selectiveSearch: mode must be 'single', 'fast' or 'quality', got '${String(mode)}'`);
  const s: Strategy = { ...base, ...overrides };
  if (s.colourSpaces.length === 0) throw new Error('selectiveSearch: strategy.colourSpaces is empty');
  for (const c of s.colourSpaces) {
    if (!COLOUR_SPACES.includes(c)) throw new Error(`selectiveSearch: unknown colour space '${String(c)}'`);
  }
  if (s.ks.length === 0) throw new Error('selectiveSearch: strategy.ks is empty');
  for (const k of s.ks) if (!(k > 0) || !Number.isFinite(k)) throw new Error(`selectiveSearch: k must be a positive number, got ${k}`);
  if (s.similarities.length === 0) throw new Error('selectiveSearch: strategy.similarities is empty');
  for (const set of s.similarities) similarityTerms(set);
  if (!(s.sigma >= 0)) throw new Error(`selectiveSearch: sigma must be >= 0, got ${s.sigma}`);
  return s;
}
