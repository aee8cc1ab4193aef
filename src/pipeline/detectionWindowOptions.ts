import type { ModelManifest } from '../model';
import { DEFAULT_MIN_BOX_SIDE, DETECTION_WINDOWS } from '../proposals/detectionWindows';

/**
 * Selective search settings for a model's detection windows, the same in training, evaluation, `detect()`
 * and the app: the best-ranked DETECTION_WINDOWS boxes, no side under the minimum the model was trained
 * with (`manifest.proposals.minBoxSide`; selective search's default when the manifest names none).
 */
export function detectionWindowOptions(manifest?: Pick<ModelManifest, 'proposals'>): { maxBoxes: number; minBoxSide: number } {
  return { maxBoxes: DETECTION_WINDOWS, minBoxSide: manifest?.proposals?.minBoxSide ?? DEFAULT_MIN_BOX_SIDE };
}
