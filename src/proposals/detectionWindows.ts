/**
 * Windows per image that the detector scores: selective search's best-ranked 2,000, the paper's "about
 * 2,000 candidate windows per image" (PAPER §4). Training, evaluation and the app all cap at this.
 */
export const DETECTION_WINDOWS = 2000;

/**
 * Selective search drops boxes with a side under this many working-image pixels (the paper's 20 px,
 * SELECTIVE_SEARCH.md §5) unless told otherwise (`minBoxSide`).
 */
export const DEFAULT_MIN_BOX_SIDE = 20;
