import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainArgs, recipeProposals } from './trainRecipe';

describe('parseTrainArgs (npm run train)', () => {
  it('gives the full recipe by default and the smoke recipe with --smoke, writing where each belongs', () => {
    const full = parseTrainArgs([]);
    expect(full.smoke).toBe(false);
    expect(full.recipe.detIters).toBe(5000);
    expect(full.recipe.detLearningRate).toBeUndefined();
    expect(full.out).toBe(path.resolve('models/emoji-voc-zf5'));
    const smoke = parseTrainArgs(['--smoke']);
    expect(smoke.recipe.detIters).toBeLessThan(100);
    expect(smoke.out).toBe(path.resolve('.cache/smoke/emoji-voc-zf5'));
  });

  it('takes the detection stage options of a detection-only segment', () => {
    const { recipe } = parseTrainArgs(['--cls-epochs', '0', '--det-tune-conv', '2', '--det-train-scale', '784', '--det-iters', '1500', '--mine-at', '0.5', '--det-scenes', '4800', '--det-min-box-side', '10', '--det-lr', '1e-4']);
    expect(recipe).toMatchObject({ clsEpochs: 0, detTuneConv: 2, detTrainScale: 784, detIters: 1500, mineAt: [0.5], detScenes: 4800, detMinBoxSide: 10, detLearningRate: 1e-4 });
    expect(recipeProposals(recipe)).toEqual({ minBoxSide: 10 });
    expect(parseTrainArgs(['--mine-at', 'none']).recipe.mineAt).toEqual([]);
    expect(parseTrainArgs(['--det-scale-jitter', '0.5']).recipe.detScaleJitter).toBe(0.5);
    expect(parseTrainArgs(['--det-dropout', '0.25']).recipe.detDropout).toBe(0.25);
    expect(parseTrainArgs([]).recipe.detDropout).toBeUndefined();
    expect(parseTrainArgs([]).recipe.detScaleJitter).toBeUndefined();
  });

  it('takes --cache-chunks as a range of the cache files --det-scenes makes, outside the recipe', () => {
    const inv = parseTrainArgs(['--det-scenes', '4800', '--cache-chunks', '24-47']);
    expect(inv.cacheChunks).toEqual([24, 47]);
    expect(JSON.stringify(inv.recipe)).toBe(JSON.stringify(parseTrainArgs(['--det-scenes', '4800']).recipe));
    expect(parseTrainArgs(['--det-scenes', '150', '--cache-chunks', '1-1']).cacheChunks).toEqual([1, 1]);
    expect(parseTrainArgs([]).cacheChunks).toBeUndefined();
    expect(() => parseTrainArgs(['--det-scenes', '4800', '--cache-chunks', '47-48'])).toThrow(/--cache-chunks: --det-scenes 4800 makes chunks 0-47/);
    expect(() => parseTrainArgs(['--cache-chunks', '3-1'])).toThrow(/--cache-chunks/);
    expect(() => parseTrainArgs(['--cache-chunks', '5'])).toThrow(/--cache-chunks/);
  });

  it('rejects bad values, naming the option', () => {
    expect(() => parseTrainArgs(['--det-lr', '0'])).toThrow(/--det-lr/);
    expect(() => parseTrainArgs(['--det-lr', '2'])).toThrow(/--det-lr/);
    expect(() => parseTrainArgs(['--det-lr', 'fast'])).toThrow(/det-lr/);
    expect(() => parseTrainArgs(['--det-train-scale', '200'])).toThrow(/--det-train-scale/);
    expect(() => parseTrainArgs(['--det-train-scale', '1300'])).toThrow(/--det-train-scale/);
    expect(() => parseTrainArgs(['--det-train-scale', '896.5'])).toThrow(/--det-train-scale/);
    expect(parseTrainArgs(['--det-train-scale', '896']).recipe.detTrainScale).toBe(896);
    expect(() => parseTrainArgs(['--det-scale-jitter', '1.5'])).toThrow(/--det-scale-jitter/);
    expect(() => parseTrainArgs(['--det-scale-jitter', 'some'])).toThrow(/det-scale-jitter/);
    expect(() => parseTrainArgs(['--det-dropout', '1'])).toThrow(/--det-dropout/);
    expect(() => parseTrainArgs(['--det-dropout', '-0.1'])).toThrow(/--det-dropout/);
    expect(() => parseTrainArgs(['--mine-at', '1.5'])).toThrow(/--mine-at/);
    expect(() => parseTrainArgs(['--det-scenes-from', '10.5'])).toThrow(/--det-scenes-from/);
    expect(() => parseTrainArgs(['--det-scenes-from', '-1'])).toThrow(/--det-scenes-from/);
    expect(parseTrainArgs(['--det-scenes-from', '4800']).recipe.detScenesFrom).toBe(4800);
    expect(parseTrainArgs([]).recipe.detScenesFrom).toBeUndefined();
    expect(() => parseTrainArgs(['--det-tune-conv', '1.5'])).toThrow(/--det-tune-conv/);
    expect(() => parseTrainArgs(['--init', '/nonexistent/model'])).toThrow(/--init \/nonexistent\/model/);
    expect(() => parseTrainArgs(['--det-learning-rate', '1e-4'])).toThrow(/det-learning-rate/);
  });
});
