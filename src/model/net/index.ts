export * from './sppNetSpec';
export * from './sppNetParams';
export * from './sppNetForward';
export * from './modelFiles';
export * from './inputTensor';
export * from './fullImageViews';
export { oneScaleOf } from './oneScale';
