/**
 * The 20 Emoji-VOC classes (DATA.md): PASCAL VOC's classes in VOC order, each drawn as a Noto Color
 * Emoji glyph. Ids are fixed 1..20; 0 is the background class of the 21-way detection head.
 *
 * Strings are the exact text rendered into the sprite atlas: code points whose default presentation
 * is text (U+2708, U+1F6E9, U+1F37D, U+1F3CD, U+1F6CB, U+1F5A5) carry VS16 (U+FE0F) so every renderer
 * picks the colour glyph.
 */
export interface EmojiClass {
  /** Category id, 1..20 (0 = background). */
  readonly id: number;
  /** PASCAL VOC class name. */
  readonly name: string;
  /** The canonical emoji, as rendered (with VS16 where needed). */
  readonly emoji: string;
  /** Other emoji drawn for the same class (may be empty). */
  readonly variants: readonly string[];
}

const VS16 = '\uFE0F';

/** The classes in id order: `EMOJI_VOC_CLASSES[i].id === i + 1`. */
export const EMOJI_VOC_CLASSES: readonly EmojiClass[] = [
  { id: 1, name: 'aeroplane', emoji: `\u2708${VS16}`, variants: [`\u{1F6E9}${VS16}`] },
  { id: 2, name: 'bicycle', emoji: '\u{1F6B2}', variants: [] },
  { id: 3, name: 'bird', emoji: '\u{1F426}', variants: ['\u{1F99C}'] },
  { id: 4, name: 'boat', emoji: '\u26F5', variants: ['\u{1F6A4}'] },
  { id: 5, name: 'bottle', emoji: '\u{1F37E}', variants: ['\u{1F37C}'] },
  { id: 6, name: 'bus', emoji: '\u{1F68C}', variants: ['\u{1F68D}'] },
  { id: 7, name: 'car', emoji: '\u{1F697}', variants: ['\u{1F699}'] },
  { id: 8, name: 'cat', emoji: '\u{1F408}', variants: ['\u{1F431}'] },
  { id: 9, name: 'chair', emoji: '\u{1FA91}', variants: [] },
  { id: 10, name: 'cow', emoji: '\u{1F404}', variants: ['\u{1F42E}'] },
  // No table emoji exists; the place setting stands in (DATA.md).
  { id: 11, name: 'diningtable', emoji: `\u{1F37D}${VS16}`, variants: [] },
  { id: 12, name: 'dog', emoji: '\u{1F415}', variants: ['\u{1F436}', '\u{1F429}'] },
  { id: 13, name: 'horse', emoji: '\u{1F40E}', variants: ['\u{1F434}'] },
  { id: 14, name: 'motorbike', emoji: `\u{1F3CD}${VS16}`, variants: ['\u{1F6F5}'] },
  { id: 15, name: 'person', emoji: '\u{1F9CD}', variants: ['\u{1F6B6}', '\u{1F9D1}'] },
  { id: 16, name: 'pottedplant', emoji: '\u{1FAB4}', variants: [] },
  { id: 17, name: 'sheep', emoji: '\u{1F411}', variants: [] },
  { id: 18, name: 'sofa', emoji: `\u{1F6CB}${VS16}`, variants: [] },
  { id: 19, name: 'train', emoji: '\u{1F686}', variants: ['\u{1F682}'] },
  { id: 20, name: 'tvmonitor', emoji: '\u{1F4FA}', variants: [`\u{1F5A5}${VS16}`] },
];

/** Number of object classes (20); the detection head has NUM_CLASSES + 1 outputs. */
export const NUM_CLASSES = EMOJI_VOC_CLASSES.length;

/** Class names indexed by id: `CLASS_NAMES[0] === 'background'`, `CLASS_NAMES[15] === 'person'`. */
export const CLASS_NAMES: readonly string[] = ['background', ...EMOJI_VOC_CLASSES.map((c) => c.name)];

/**
 * Emoji that belong to no class and resemble none (fruit, food, tools, balls, buildings, symbols):
 * drawn unlabelled in scenes so the detector must learn the classes, not "any emoji".
 * Deliberately no animals, vehicles, people, furniture, bottles/drinks, plants, cutlery or screens.
 */
export const DISTRACTOR_EMOJI: readonly string[] = [
  '\u{1F34E}', // red apple
  '\u{1F34C}', // banana
  '\u{1F347}', // grapes
  '\u{1F349}', // watermelon
  '\u{1F353}', // strawberry
  '\u{1F34B}', // lemon
  '\u{1F355}', // pizza
  '\u{1F369}', // doughnut
  '\u{1F528}', // hammer
  '\u{1F527}', // wrench
  '\u{1FA9B}', // screwdriver
  '\u26BD', // soccer ball
  '\u{1F3C0}', // basketball
  '\u{1F3C8}', // american football
  '\u{1F3BE}', // tennis ball
  '\u{1F3E0}', // house
  '\u{1F3F0}', // castle
  '\u26EA', // church
  '\u2B50', // star
  '\u{1F48E}', // gem stone
  '\u{1F514}', // bell
  '\u{1F388}', // balloon
  '\u{1F381}', // wrapped gift
  '\u{1F511}', // key
  '\u23F0', // alarm clock
  '\u{1F4A1}', // light bulb
  '\u{1F3B8}', // guitar
  '\u{1F9E9}', // puzzle piece
  '\u{1F4DA}', // books
  '\u{1FA81}', // kite
];

/** Every emoji of a class (canonical first, then variants). */
export function classEmoji(cls: EmojiClass): readonly string[] {
  return [cls.emoji, ...cls.variants];
}

/** Every emoji string the generator draws: all class emoji (canonical + variants), then distractors. */
export const ALL_EMOJI: readonly string[] = [...EMOJI_VOC_CLASSES.flatMap(classEmoji), ...DISTRACTOR_EMOJI];

/** The class with this id (1..20); throws a message quoting the bad id otherwise. */
export function classById(id: number): EmojiClass {
  const cls = EMOJI_VOC_CLASSES[id - 1];
  if (!Number.isInteger(id) || cls === undefined) throw new Error(`classById: no Emoji-VOC class has id ${String(id)} (valid 1..${NUM_CLASSES})`);
  return cls;
}
