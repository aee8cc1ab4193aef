// Vite plugin: the app ships with its default model. `vite build` copies the model folder into
// dist/models/<name>/ and the dev server serves it from disk, so `npm start` works offline.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The files of a model folder (ARCHITECTURE.md "Model files"). */
export const MODEL_FILES = ['model.json', 'weights.bin', 'manifest.json'] as const;

/** Options of {@link embedModel}. */
export interface EmbedModelOptions {
  /** Model name: served at `<base>models/<name>/`. @default 'emoji-voc-zf5' */
  name?: string;
  /**
   * Folders searched in order for the model; the first holding all MODEL_FILES wins.
   * @default [$SPPNET_MODEL_DIR, models/<name>, .cache/smoke/<name>] (the last is `npm run test:smoke`'s stand-in)
   */
  candidates?: string[];
}

/** Resolves the model folder, or null when none of the candidates holds a complete model. */
export function findModelDir(root: string, name: string, candidates?: string[]): string | null {
  const list = candidates ?? [process.env.SPPNET_MODEL_DIR ?? '', path.join('models', name), path.join('.cache', 'smoke', name)];
  for (const c of list) {
    if (!c) continue;
    const dir = path.resolve(root, c);
    if (MODEL_FILES.every((f) => fs.existsSync(path.join(dir, f)))) return dir;
  }
  return null;
}

/** Serves (dev) and copies (build) the default model under `models/<name>/`. */
export function embedModel(options: EmbedModelOptions = {}): Plugin {
  const name = options.name ?? 'emoji-voc-zf5';
  let root = process.cwd();
  let dir: string | null = null;
  return {
    name: 'sppnet-embed-model',
    configResolved(config) {
      root = config.root;
      dir = findModelDir(root, name, options.candidates);
      if (!dir) config.logger.warn(`[embed-model] no model found for '${name}' (models/${name}/ or .cache/smoke/${name}/): the app will say so`);
      else config.logger.info(`[embed-model] model '${name}' from ${path.relative(root, dir) || '.'}`);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const prefix = `${server.config.base}models/${name}/`;
        const url = req.url?.split('?')[0] ?? '';
        if (!dir || !url.startsWith(prefix)) { next(); return; }
        const file = url.slice(prefix.length);
        if (!(MODEL_FILES as readonly string[]).includes(file)) { next(); return; }
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        fs.createReadStream(path.join(dir, file)).pipe(res);
      });
    },
    generateBundle() {
      if (!dir) return;
      for (const file of MODEL_FILES) {
        this.emitFile({ type: 'asset', fileName: `models/${name}/${file}`, source: fs.readFileSync(path.join(dir, file)) });
      }
    },
  };
}
