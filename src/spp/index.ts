export { pyramidBins, slidingRuleReport, DEFAULT_LEVELS, type BinRule, type SlidingRuleReport } from './pyramidBins';
export { assertLevels, binCount, pooledLength, levelOffset, pooledIndex, decodePooledIndex, type PooledIndex } from './layout';
export { normalizeWindows, windowBinRects } from './windowRects';
export { rectPoolReference, type PoolMode, type RectPoolResult } from './sppReference';
export { windowPyramid, type WindowPyramid, type PyramidLevel } from './windowPyramid';
