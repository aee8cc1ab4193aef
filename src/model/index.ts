export { spatialPyramidPool, type SpatialPyramidPoolOptions } from './spatialPyramidPool';
export { spatialPyramidPoolComposite } from './spatialPyramidPoolComposite';
export { selectBackend, webgpuAdapterInfo, webglRendererInfo, BACKEND_ORDER, type BackendName, type BackendChoice, type BackendLoader, type SelectBackendOptions } from './selectBackend';
export * from './net';
export { conv2dTrainable } from './conv2dTrainable';
