import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORY_IDS, readCocoGroundTruth, writeCocoDetections } from './cocoIo';
import { vocAp } from '../../pipeline/vocAp';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cocoIo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes `content` (an object is JSON-encoded) to a fresh tmp file and returns its path. */
function tmp(content: unknown): string {
  const p = path.join(dir, `gt${n++}.json`);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** A valid two-image file; `patch` edits a deep copy. */
function coco(patch: (c: any) => void = () => {}): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const c = {
    images: [
      { id: 1, file_name: 'a.png', width: 320, height: 240 },
      { id: 2, file_name: 'b.png', width: 640, height: 480 },
    ],
    annotations: [
      { id: 10, image_id: 1, category_id: 3, bbox: [10, 20, 30, 40] },
      { id: 11, image_id: 2, category_id: 7, bbox: [0.5, 1.5, 100, 50], difficult: true },
      { id: 12, image_id: 2, category_id: 3, bbox: [200, 200, 10, 10], iscrowd: 1 },
    ],
    categories: [{ id: 3, name: 'bird' }, { id: 7, name: 'car' }],
  };
  patch(c);
  return c;
}

/** Expects reading `content` to throw a message naming the file and matching `re`. */
function expectError(content: unknown, re: RegExp, options = {}): void {
  const p = tmp(content);
  let message = '';
  try {
    readCocoGroundTruth(p, options);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(p);
  expect(message).toMatch(re);
}

describe('readCocoGroundTruth', () => {
  it('reads a valid file and converts bbox [x, y, w, h] to [x1, y1, x2, y2]', () => {
    const r = readCocoGroundTruth(tmp(coco()));
    expect(r.images.map((im) => im.file_name)).toEqual(['a.png', 'b.png']);
    expect(r.categories).toEqual([{ id: 3, name: 'bird' }, { id: 7, name: 'car' }]);
    expect(r.annotations[1]).toEqual({ id: 11, image_id: 2, category_id: 7, bbox: [0.5, 1.5, 100, 50], difficult: true });
    expect(r.groundTruth).toEqual([
      { imageId: 1, classId: 3, box: [10, 20, 40, 60], difficult: false },
      { imageId: 2, classId: 7, box: [0.5, 1.5, 100.5, 51.5], difficult: true },
      { imageId: 2, classId: 3, box: [200, 200, 210, 210], difficult: true }, // iscrowd -> don't care
    ]);
  });

  it('its ground truth feeds vocAp: a detection on every non-difficult object gives mAP 1', () => {
    const { groundTruth } = readCocoGroundTruth(tmp(coco()));
    const r = vocAp(groundTruth, [{ imageId: 1, classId: 3, score: 0.9, box: [10, 20, 40, 60] }]);
    expect(r.perClass.map((p) => [p.classId, p.npos, p.apAll])).toEqual([[3, 1, 1], [7, 0, null]]);
    expect(r.mAPAll).toBe(1);
  });

  it('missing file', () => {
    const p = path.join(dir, 'nope.json');
    expect(() => readCocoGroundTruth(p)).toThrow(`readCocoGroundTruth: ${p}: file not found`);
  });

  it('malformed JSON', () => expectError('{"images": [', /malformed JSON/));
  it('top level not an object', () => expectError([], /top level must be an object/));

  for (const key of ['images', 'annotations', 'categories']) {
    it(`missing "${key}" array`, () => expectError(coco((c) => { delete c[key]; }), new RegExp(`missing "${key}" array$`)));
  }
  it('"images" present but not an array', () =>
    expectError(coco((c) => { c.images = {}; }), /missing "images" array \(got object\)/));

  it('annotation referring to an unknown image', () =>
    expectError(coco((c) => { c.annotations[2].image_id = 99; }), /annotations\[2\] \(id 12\): image_id 99 is not in "images"/));

  it('annotation with a category id outside the allowed set (1..20 by default)', () =>
    expectError(coco((c) => { c.annotations[0].category_id = 21; }),
      /annotations\[0\] \(id 10\): unknown category id 21 \(allowed: 1\.\.20\)/));

  it('annotation with background id 0', () =>
    expectError(coco((c) => { c.annotations[1].category_id = 0; }), /annotations\[1\] \(id 11\): unknown category id 0/));

  it('annotation with an allowed category id that "categories" does not declare', () =>
    expectError(coco((c) => { c.annotations[0].category_id = 5; }),
      /annotations\[0\] \(id 10\): category_id 5 is not in "categories"/));

  it('category outside the allowed set', () =>
    expectError(coco((c) => { c.categories.push({ id: 42, name: 'x' }); }), /categories\[2\] \(id 42\): unknown category id 42/));

  it('a custom allowed set is used and shown', () => {
    expectError(coco(), /categories\[1\] \(id 7\): unknown category id 7 \(allowed: 1, 3\)/, { categoryIds: [1, 3] });
    expectError(coco((c) => { c.categories.pop(); }), /annotations\[1\] \(id 11\): unknown category id 7 \(allowed: 1, 3\)/,
      { categoryIds: [1, 3] });
    expect(readCocoGroundTruth(tmp(coco()), { categoryIds: [3, 7] }).annotations.length).toBe(3);
  });

  it('non-finite bbox (NaN serialises as null)', () =>
    expectError(coco((c) => { c.annotations[1].bbox = [0, 0, NaN, 5]; }),
      /annotations\[1\] \(id 11\): bbox must be 4 finite numbers \[x, y, w, h\], got \[0,0,null,5\]/));

  it('non-finite bbox (a string, a huge exponent)', () => {
    expectError(coco((c) => { c.annotations[0].bbox = [0, '1', 2, 3]; }), /annotations\[0\] \(id 10\): bbox must be 4 finite/);
    expectError('{"images":[{"id":1,"file_name":"a","width":1,"height":1}],"categories":[{"id":1,"name":"a"}],'
      + '"annotations":[{"id":5,"image_id":1,"category_id":1,"bbox":[0,0,1e999,1]}]}', /annotations\[0\] \(id 5\): bbox must be 4 finite/);
  });

  it('bbox with the wrong length', () =>
    expectError(coco((c) => { c.annotations[0].bbox = [1, 2, 3]; }), /annotations\[0\] \(id 10\): bbox must be 4 finite numbers/));

  it('negative-size bbox', () =>
    expectError(coco((c) => { c.annotations[2].bbox = [5, 5, -1, 4]; }), /annotations\[2\] \(id 12\): bbox has negative size \[5, 5, -1, 4\]/));

  it('zero-size bbox', () =>
    expectError(coco((c) => { c.annotations[0].bbox = [5, 5, 3, 0]; }), /annotations\[0\] \(id 10\): bbox has zero size/));

  it('duplicate ids', () => {
    expectError(coco((c) => { c.images[1].id = 1; }), /images\[1\]: duplicate id 1/);
    expectError(coco((c) => { c.annotations[1].id = 10; }), /annotations\[1\]: duplicate id 10/);
  });

  it('malformed entries', () => {
    expectError(coco((c) => { c.images[0] = 7; }), /images\[0\] must be an object, got 7/);
    expectError(coco((c) => { c.images[0].id = '1'; }), /images\[0\]: id must be an integer, got "1"/);
    expectError(coco((c) => { c.images[1].width = 0; }), /images\[1\] \(id 2\): width must be a positive number, got 0/);
    expectError(coco((c) => { delete c.images[0].file_name; }), /images\[0\] \(id 1\): file_name must be a non-empty string/);
    expectError(coco((c) => { c.categories[0].name = 3; }), /categories\[0\] \(id 3\): name must be a string/);
    expectError(coco((c) => { c.annotations[0].difficult = 'yes'; }), /annotations\[0\] \(id 10\): difficult must be 0, 1 or a boolean/);
  });

  it('DEFAULT_CATEGORY_IDS is 1..20', () => {
    expect(DEFAULT_CATEGORY_IDS).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('writeCocoDetections', () => {
  it('writes [{image_id, category_id, bbox: [x, y, w, h], score}], creating the folder', () => {
    const p = path.join(dir, 'sub', 'dets.json');
    writeCocoDetections(p, [
      { imageId: 1, classId: 3, score: 0.75, box: [10, 20, 40, 60] },
      { imageId: 2, classId: 7, score: 0.5, box: [0.5, 1.5, 100.5, 51.5] },
    ]);
    expect(JSON.parse(fs.readFileSync(p, 'utf8'))).toEqual([
      { image_id: 1, category_id: 3, bbox: [10, 20, 30, 40], score: 0.75 },
      { image_id: 2, category_id: 7, bbox: [0.5, 1.5, 100, 50], score: 0.5 },
    ]);
  });

  it('writes an empty array for no detections', () => {
    const p = path.join(dir, 'empty.json');
    writeCocoDetections(p, []);
    expect(fs.readFileSync(p, 'utf8')).toBe('[]');
  });

  it('rejects bad detections, naming the file and the index', () => {
    const p = path.join(dir, 'bad.json');
    const ok = { imageId: 1, classId: 3, score: 0.5, box: [0, 0, 1, 1] as const };
    expect(() => writeCocoDetections(p, [ok, { ...ok, imageId: 1.5 }]))
      .toThrow(`writeCocoDetections: ${p}: detections[1].imageId must be an integer, got 1.5`);
    expect(() => writeCocoDetections(p, [{ ...ok, score: Infinity }])).toThrow(/bad\.json: detections\[0\]\.score must be finite/);
    expect(() => writeCocoDetections(p, [{ ...ok, box: [5, 0, 1, 1] }])).toThrow(/bad\.json: detections\[0\]\.box is inverted/);
    expect(fs.existsSync(p)).toBe(false);
  });

  it('names the file when it cannot be written', () => {
    const p = path.join(tmp('{}'), 'x.json'); // parent is a file
    expect(() => writeCocoDetections(p, [])).toThrow(`writeCocoDetections: ${p}: cannot write file`);
  });
});
