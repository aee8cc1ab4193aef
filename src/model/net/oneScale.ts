import type { ModelManifest } from './modelFiles';

/**
 * The 1-scale setting's s (the image's shorter side, PAPER §3.3): the manifest's `oneScale`, else
 * `scales[defaultScaleIndex]`. No tfjs here: the page's main thread reads it too.
 */
export function oneScaleOf(manifest: Pick<ModelManifest, 'scales' | 'defaultScaleIndex' | 'oneScale'>): number {
  return manifest.oneScale ?? manifest.scales[manifest.defaultScaleIndex];
}
