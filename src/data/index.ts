// Emoji-VOC: the synthetic VOC-like dataset (DATA.md). Pure TypeScript on typed arrays: runs the same in
// Node, a browser worker and tests. Node-only loaders (native PNG decoding) live in ./node/.
export { EMOJI_VOC_CLASSES, DISTRACTOR_EMOJI, ALL_EMOJI, CLASS_NAMES, NUM_CLASSES, classById, classEmoji, type EmojiClass } from './classes';
export { atlasFromImageData, validateSpriteAtlas, SPRITE_ATLAS_VERSION, type SpriteAtlas, type SpriteAtlasJson, type GlyphRect } from './spriteAtlas';
export { generateScene, type GenerateSceneOptions, type EmojiScene, type EmojiSceneObject } from './generateScene';
export { generateObjectImage, type GenerateObjectImageOptions, type ObjectImage } from './generateObjectImage';
export { SPLITS, OBJECT_SPLITS, SPLIT_STRIDE, sceneSeed, objectSeed, type SceneSplit, type ObjectSplit, type SplitRange } from './splits';
export { toCoco, type CocoDataset, type CocoImage, type CocoAnnotation, type CocoCategory } from './coco';
export { BACKGROUND_KINDS, type BackgroundKind } from './renderBackground';
export { createRng, type Rng } from './createRng';
export type { RgbaBytes } from './sceneCanvas';
