// Public pieces of the proposals layer (selective search, SELECTIVE_SEARCH.md).
export { selectiveSearch, selectiveSearchDetailed, runSteps, SelectiveSearchAbortError } from './selectiveSearch';
export {
  selectiveSearchSteps,
  type SelectiveSearchOptions,
  type SelectiveSearchProgress,
  type SelectiveSearchResult,
  type SelectiveSearchTimings,
  type SegmentationDetail,
  type HierarchyDetail,
} from './selectiveSearchSteps';
export { DETECTION_WINDOWS, DEFAULT_MIN_BOX_SIDE } from './detectionWindows';
export { MODES, resolveStrategy, type SelectiveSearchMode, type Strategy } from './diversification';
export { assertRgbaImage, type RgbaImage } from './rgbaImage';
export { resizeRgb, workingSize, type PlanarRgb } from './resizeRgb';
export { COLOUR_SPACES, toColourSpace, rgbToHsv, rgbToLab, rgbToRgi, rgbToGrey, type ColourSpace } from './colourSpaces';
export { felzenszwalb, segmentSortedEdges, type FelzenszwalbOptions, type Segmentation } from './felzenszwalb';
export { sortedGraphEdges, edgeOffsets, type SortedEdges } from './graphEdges';
export { gaussianKernel, derivativeKernel, smoothPlanes, gaussianGradient } from './gaussianFilter';
export { radixSortPairs } from './radixSort';
export { UnionFind } from './unionFind';
export { MaxHeap } from './maxHeap';
export { colourBins, textureBins, COLOUR_BINS, TEXTURE_BINS, COLOUR_LENGTH, TEXTURE_LENGTH, type TextureCodes } from './pixelBins';
export { regionFeatures, type RegionFeatures } from './regionFeatures';
export { regionAdjacency } from './regionAdjacency';
export { similarityTerms, type SimilaritySet, type SimilarityTerms } from './similarity';
export { hierarchicalGrouping, type MergeTree } from './hierarchicalGrouping';
export { rankProposals, type RankProposalsOptions } from './rankProposals';
export { seededRandom } from './seededRandom';
export { proposalQuality, type ProposalQuality } from './proposalMetrics';
export { segmentationCovering } from './segmentationCovering';
export { proposalsWorkerHandler, type ProposalsWorkerHandler, type PostResponse } from './proposalsWorkerHandler';
export * from './workerProtocol';
