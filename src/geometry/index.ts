export * from './boxes';
export { iou, iouMatrix } from './iou';
export { nonMaxSuppression, batchedNonMaxSuppression, type NonMaxSuppressionOptions } from './nonMaxSuppression';
export { nmsSteps, type NmsStep } from './nmsSteps';
export { scaleFactor, scaledImageSize, imageToScaled, scaledToImage } from './scaleBox';
export { projectToCells, projectAxis } from './projectToCells';
export { chooseScale, TRAIN_AREA } from './chooseScale';
export { encodeBoxDeltas, decodeBoxDeltas } from './bboxDeltas';
