import { describe, expect, it } from 'vitest';
import { ALL_EMOJI, CLASS_NAMES, DISTRACTOR_EMOJI, EMOJI_VOC_CLASSES, NUM_CLASSES, classById } from './classes';

const VOC = ['aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow', 'diningtable', 'dog', 'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor'];

describe('Emoji-VOC classes', () => {
  it('are the 20 VOC classes in VOC order with ids 1..20, background at 0', () => {
    expect(NUM_CLASSES).toBe(20);
    expect(EMOJI_VOC_CLASSES.map((c) => c.name)).toEqual(VOC);
    EMOJI_VOC_CLASSES.forEach((c, i) => expect(c.id).toBe(i + 1));
    expect(CLASS_NAMES[0]).toBe('background');
    expect(CLASS_NAMES[15]).toBe('person');
    expect(classById(8).name).toBe('cat');
    expect(() => classById(0)).toThrow(/0/);
  });

  it('match DATA.md code points, with VS16 on the text-default ones', () => {
    const cp = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).toUpperCase()).join(' ');
    expect(cp(classById(1).emoji)).toBe('2708 FE0F');
    expect(cp(classById(1).variants[0])).toBe('1F6E9 FE0F');
    expect(cp(classById(11).emoji)).toBe('1F37D FE0F');
    expect(cp(classById(14).emoji)).toBe('1F3CD FE0F');
    expect(cp(classById(18).emoji)).toBe('1F6CB FE0F');
    expect(cp(classById(20).variants[0])).toBe('1F5A5 FE0F');
    expect(cp(classById(4).emoji)).toBe('26F5');
    expect(classById(12).variants.map(cp)).toEqual(['1F436', '1F429']);
    expect(classById(15).variants.map(cp)).toEqual(['1F6B6', '1F9D1']);
  });

  it('every emoji (class or distractor) is listed once; ~25 distractors', () => {
    expect(new Set(ALL_EMOJI).size).toBe(ALL_EMOJI.length);
    expect(DISTRACTOR_EMOJI.length).toBeGreaterThanOrEqual(20);
    expect(ALL_EMOJI.length).toBe(20 + 16 + DISTRACTOR_EMOJI.length);
  });
});
