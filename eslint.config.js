// Lint rules, including the layer rules of ../shared/design/ARCHITECTURE.md:
// a layer imports only from layers below it; tfjs only in model/, pipeline/, train/;
// d3 only in viz/ and ui/; React only in ui/; no window/document below viz/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folders under src/ and the src/ folders each may import. */
const LAYERS = {
  geometry: [],
  spp: ['geometry'],
  proposals: ['geometry'],
  model: ['geometry', 'spp'],
  pipeline: ['geometry', 'spp', 'proposals', 'model'],
  data: ['geometry'],
  train: ['geometry', 'spp', 'proposals', 'model', 'pipeline', 'data'],
  viz: ['geometry', 'spp', 'pipeline'],
  ui: ['geometry', 'spp', 'proposals', 'model', 'pipeline', 'data', 'viz', 'workers'],
  workers: ['geometry', 'spp', 'proposals', 'model', 'pipeline', 'data'],
};
const ALL = Object.keys(LAYERS);
const TF = ['model', 'pipeline', 'train'];
const D3 = ['viz', 'ui'];
const REACT = ['ui'];
const NO_DOM = ['geometry', 'spp', 'proposals', 'model', 'pipeline', 'data', 'train', 'workers'];

function layerRules(layer) {
  const forbidden = ALL.filter((l) => l !== layer && !LAYERS[layer].includes(l));
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({
      regex: `^(\\.\\.?/)*(\\.\\./)+(src/)?(${forbidden.join('|')})(/|$)`,
      message: `src/${layer}/ may import only from: ${LAYERS[layer].join(', ') || 'nothing'} (ARCHITECTURE.md layers).`,
    });
  }
  if (!TF.includes(layer)) patterns.push({ regex: '^@tensorflow/', message: `@tensorflow/* is allowed only in ${TF.join(', ')}.` });
  if (!D3.includes(layer)) patterns.push({ regex: '^d3(-|$)', message: `d3 is allowed only in ${D3.join(', ')}.` });
  if (!REACT.includes(layer)) patterns.push({ regex: '^react(-dom)?(/|$)', message: 'React is allowed only in ui/.' });
  const rules = { 'no-restricted-imports': ['error', { patterns }] };
  if (NO_DOM.includes(layer)) {
    rules['no-restricted-globals'] = [
      'error',
      { name: 'window', message: `src/${layer}/ must run in Node: no window.` },
      { name: 'document', message: `src/${layer}/ must run in Node: no document.` },
    ];
  }
  return { files: [`src/${layer}/**/*.{ts,tsx}`], rules };
}

export default tseslint.config(
  { ignores: ['dist/**', '.cache/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'data-out/**', 'public/**', 'models/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...ALL.map(layerRules),
  {
    // Scripts, tests and e2e are tools: they may print.
    files: ['scripts/**', 'e2e/**', 'src/train/**/*.ts', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
