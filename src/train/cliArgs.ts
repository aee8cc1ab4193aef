/** Parsed command line: boolean flags and `--key value` pairs. */
export interface ParsedArgs {
  flags: Set<string>;
  value(key: string): string | undefined;
  /** A numeric option; a non-numeric or negative value is an error naming the option. */
  number(key: string, fallback: number): number;
  /** A comma-separated list of whole pixel sizes >= 16 (e.g. image min sides); [] when the option is absent. */
  sides(key: string): number[];
}

/** Parses `--flag` and `--key value`; unknown options are an error that lists the known ones. */
export function parseArgs(argv: string[], known: { flags: string[]; values: string[] }): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument '${a}'`);
    const key = a.slice(2);
    if (known.flags.includes(key)) flags.add(key);
    else if (known.values.includes(key)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`option --${key} needs a value`);
      values.set(key, v);
      i++;
    } else {
      throw new Error(`unknown option --${key} (known: ${[...known.flags, ...known.values].map((k) => `--${k}`).join(' ')})`);
    }
  }
  return {
    flags,
    value: (k) => values.get(k),
    number: (k, fallback) => {
      const v = values.get(k);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`option --${k} must be a non-negative number, got '${v}'`);
      return n;
    },
    sides: (k) => (values.get(k) ?? '').split(',').filter((t) => t.trim() !== '').map((t) => {
      const side = Number(t);
      if (!Number.isInteger(side) || side < 16) throw new Error(`option --${k} takes whole pixel sizes >= 16, got '${t}'`);
      return side;
    }),
  };
}

/**
 * Checks a `--scale S` value (the 1-scale setting's s, shared by `npm run eval` and `npm run bench:model`):
 * a whole number of pixels in [32, 2048]. `raw` is the option as given, for the message.
 */
export function checkScaleOption(s: number, raw: string | undefined): number {
  if (!(Number.isInteger(s) && s >= 32 && s <= 2048)) throw new Error(`--scale takes a whole number of pixels in [32, 2048], got '${raw}'`);
  return s;
}
