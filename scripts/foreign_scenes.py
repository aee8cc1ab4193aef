#!/usr/bin/python3
"""Emoji-VOC-like scenes from a generator that is not ours, for a robustness check only.

Usage: /usr/bin/python3 scripts/foreign_scenes.py OUT_DIR [--n 200] [--seed 7]

Issue 4 warns that the model will also be scored on scenes from another generator ("other backgrounds,
layouts and object sizes"). This script is that other generator, written independently of src/data
(Python + Pillow + scikit-image, no code shared): it renders the 20 classes' emoji straight from the
system's Noto Color Emoji font (fonts-noto-color-emoji) with Pillow, not from our sprite atlas, and lays
them out in ways our generator never does:
  - backgrounds: whole scikit-image sample photos (astronaut, coffee, chelsea, rocket, camera, brick,
    grass, gravel, coins, text, page, moon) resized to fill the frame, flat colours, checkerboards,
    stripes and radial gradients;
  - layouts: a regular grid, a row along a line, a tight cluster, one huge object, many small ones
    (up to 10 objects; ours draws 1-6);
  - object sizes from 20 px to 95% of the short side, image sides 200-800 px, aspect 0.4-2.5;
  - no rotation/colour jitter/blur on objects (ours has them): the look differs, the classes do not.
It writes OUT_DIR/NNNNNN.png and OUT_DIR/annotations.json (COCO: images, annotations with bbox
[x, y, w, h] = the tight box of the glyph's visible pixels, categories). Product code never runs this;
evaluate with `npm run eval -- --images OUT_DIR --gt OUT_DIR/annotations.json`.
"""
import argparse
import json
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from skimage import data as skdata

FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'
VS16 = '\ufe0f'
# DATA.md's table: id, name, emoji (canonical first, then variants).
CLASSES = [
    (1, 'aeroplane', ['\u2708' + VS16, '\U0001F6E9' + VS16]),
    (2, 'bicycle', ['\U0001F6B2']),
    (3, 'bird', ['\U0001F426', '\U0001F99C']),
    (4, 'boat', ['\u26F5', '\U0001F6A4']),
    (5, 'bottle', ['\U0001F37E', '\U0001F37C']),
    (6, 'bus', ['\U0001F68C', '\U0001F68D']),
    (7, 'car', ['\U0001F697', '\U0001F699']),
    (8, 'cat', ['\U0001F408', '\U0001F431']),
    (9, 'chair', ['\U0001FA91']),
    (10, 'cow', ['\U0001F404', '\U0001F42E']),
    (11, 'diningtable', ['\U0001F37D' + VS16]),
    (12, 'dog', ['\U0001F415', '\U0001F436', '\U0001F429']),
    (13, 'horse', ['\U0001F40E', '\U0001F434']),
    (14, 'motorbike', ['\U0001F3CD' + VS16, '\U0001F6F5']),
    (15, 'person', ['\U0001F9CD', '\U0001F6B6', '\U0001F9D1']),
    (16, 'pottedplant', ['\U0001FAB4']),
    (17, 'sheep', ['\U0001F411']),
    (18, 'sofa', ['\U0001F6CB' + VS16]),
    (19, 'train', ['\U0001F686', '\U0001F682']),
    (20, 'tvmonitor', ['\U0001F4FA', '\U0001F5A5' + VS16]),
]
PHOTOS = ['astronaut', 'coffee', 'chelsea', 'rocket', 'camera', 'brick', 'grass', 'gravel', 'coins', 'text', 'page', 'moon']
LAYOUTS = ['grid', 'row', 'cluster', 'huge', 'small']


def visible_box(im):
    """(left, top, right, bottom) of the pixels with alpha > 24, or None."""
    return im.getchannel('A').point(lambda a: 255 if a > 24 else 0).getbbox()


def render_glyphs():
    """Each emoji once at the font's bitmap size (109 px), cropped to its visible pixels (RGBA)."""
    font = ImageFont.truetype(FONT, 109)
    glyphs = {}
    for cid, _, emojis in CLASSES:
        for e in emojis:
            im = Image.new('RGBA', (160, 160), (0, 0, 0, 0))
            ImageDraw.Draw(im).text((10, 10), e, font=font, embedded_color=True)
            box = visible_box(im)
            if box is None:
                raise SystemExit(f'{FONT}: no colour glyph for U+{ord(e[0]):04X}')
            glyphs.setdefault(cid, []).append(im.crop(box))
    return glyphs


def photo(name):
    a = getattr(skdata, name)()
    if a.ndim == 2:
        a = np.stack([a] * 3, -1)
    return Image.fromarray(a[..., :3].astype(np.uint8))


def background(rng, w, h, photos):
    kind = rng.choice(['photo', 'photo', 'flat', 'checker', 'stripes', 'radial'])
    colour = lambda: tuple(int(c) for c in rng.integers(0, 256, 3))
    if kind == 'photo':
        src = photos[rng.integers(len(photos))]
        return src.resize((w, h), Image.BILINEAR)
    if kind == 'flat':
        return Image.new('RGB', (w, h), colour())
    yy, xx = np.mgrid[0:h, 0:w]
    a, b = np.array(colour()), np.array(colour())
    if kind == 'checker':
        s = int(rng.integers(8, 64))
        m = ((xx // s + yy // s) % 2)[..., None]
    elif kind == 'stripes':
        s = int(rng.integers(6, 40))
        t = rng.uniform(0, np.pi)
        m = ((((xx * np.cos(t) + yy * np.sin(t)) // s) % 2))[..., None]
    else:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        m = (np.hypot(xx - cx, yy - cy) / np.hypot(w, h))[..., None]
    return Image.fromarray((a * (1 - m) + b * m).astype(np.uint8))


def layout(rng, kind, w, h):
    """Target glyph heights and centres for one scene."""
    short = min(w, h)
    if kind == 'huge':
        s = rng.uniform(0.6, 0.95) * short
        return [(s, w / 2 + rng.uniform(-0.1, 0.1) * w, h / 2 + rng.uniform(-0.1, 0.1) * h)]
    if kind == 'small':
        n = int(rng.integers(5, 11))
        return [(rng.uniform(20, 48), rng.uniform(30, w - 30), rng.uniform(30, h - 30)) for _ in range(n)]
    if kind == 'grid':
        cols, rows = int(rng.integers(2, 4)), int(rng.integers(1, 4))
        s = rng.uniform(0.5, 0.8) * min(w / cols, h / rows)
        return [(s, (i + 0.5) * w / cols, (j + 0.5) * h / rows) for i in range(cols) for j in range(rows)]
    if kind == 'row':
        n = int(rng.integers(2, 6))
        s = rng.uniform(0.5, 0.85) * min(w / n, h)
        y = rng.uniform(0.3, 0.7) * h
        return [(s, (i + 0.5) * w / n, y) for i in range(n)]
    n = int(rng.integers(2, 6))  # cluster: overlapping a little around one point
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    s = rng.uniform(0.15, 0.35) * short
    return [(s, cx + rng.normal(0, 0.6) * s, cy + rng.normal(0, 0.6) * s) for _ in range(n)]


def scene(rng, glyphs, photos):
    aspect = float(np.exp(rng.uniform(np.log(0.4), np.log(2.5))))
    long = int(rng.integers(260, 801))
    w, h = (long, max(200, int(long / aspect))) if aspect >= 1 else (max(200, int(long * aspect)), long)
    im = background(rng, w, h, photos).convert('RGBA')
    objects = []
    for size, cx, cy in layout(rng, LAYOUTS[rng.integers(len(LAYOUTS))], w, h):
        cid = int(rng.integers(1, 21))
        variants = glyphs[cid]
        g = variants[rng.integers(len(variants))]
        if rng.random() < 0.5:
            g = g.transpose(Image.FLIP_LEFT_RIGHT)
        k = max(size, 20) / max(g.size)
        gw, gh = max(8, round(g.width * k)), max(8, round(g.height * k))
        g = g.resize((gw, gh), Image.LANCZOS)
        x0, y0 = int(round(cx - gw / 2)), int(round(cy - gh / 2))
        x0, y0 = min(max(x0, 0), w - gw), min(max(y0, 0), h - gh)
        if x0 < 0 or y0 < 0:
            continue
        im.alpha_composite(g, (x0, y0))
        box = visible_box(g)
        objects.append((cid, (x0 + box[0], y0 + box[1], box[2] - box[0], box[3] - box[1]), (x0, y0, gw, gh)))
    # A later glyph may cover an earlier one: drop objects less than 40% visible (tracked on a label map).
    label = np.zeros((h, w), np.int32)
    for k, (_, _, (x0, y0, gw, gh)) in enumerate(objects):
        label[y0:y0 + gh, x0:x0 + gw] = k + 1
    kept = []
    for k, (cid, (x, y, bw, bh), _) in enumerate(objects):
        if (label[y:y + bh, x:x + bw] == k + 1).mean() >= 0.4:
            kept.append((cid, (x, y, bw, bh)))
    return im.convert('RGB'), kept


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--n', type=int, default=200)
    ap.add_argument('--seed', type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    glyphs = render_glyphs()
    photos = [photo(p) for p in PHOTOS]
    images, anns = [], []
    for i in range(args.n):
        im, objs = scene(rng, glyphs, photos)
        name = f'{i:06d}.png'
        im.save(os.path.join(args.out, name))
        images.append({'id': i + 1, 'file_name': name, 'width': im.width, 'height': im.height})
        for cid, (x, y, bw, bh) in objs:
            anns.append({'id': len(anns) + 1, 'image_id': i + 1, 'category_id': cid, 'bbox': [x, y, bw, bh],
                         'area': bw * bh, 'iscrowd': 0})
    cats = [{'id': cid, 'name': name} for cid, name, _ in CLASSES]
    with open(os.path.join(args.out, 'annotations.json'), 'w') as f:
        json.dump({'images': images, 'annotations': anns, 'categories': cats}, f)
    print(f'{args.n} scenes, {len(anns)} objects -> {args.out}')


if __name__ == '__main__':
    main()
