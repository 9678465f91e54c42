import { suggest } from '../validation/config';

/** A command line that cannot be used (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One option a command accepts. */
export interface OptionSpec {
  readonly name: string;
  /** A one-letter alias, e.g. `o` for `-o`. */
  readonly short?: string;
  /** Takes a value (`--format json` or `--format=json`); otherwise a switch. */
  readonly value?: boolean;
  /** The allowed values, when the set is closed. */
  readonly choices?: readonly string[];
}

export interface Parsed {
  /** Each option's value (the last one, for an option given more than once). */
  readonly options: Readonly<Record<string, string | true>>;
  /** Every value of each option that takes one, in order (`--crd a --crd b`). */
  readonly values: Readonly<Record<string, readonly string[]>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against the command's options. Unknown options are errors with a
 * "did you mean" hint; `--` ends options; a lone `-` is a positional (stdin).
 */
export function parseArgs(command: string, args: readonly string[], specs: readonly OptionSpec[]): Parsed {
  const options: Record<string, string | true> = {};
  const values: Record<string, string[]> = {};
  const positionals: string[] = [];
  const names = specs.map((s) => `--${s.name}`);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const spec = flag.startsWith('--')
      ? specs.find((s) => s.name === flag.slice(2))
      : specs.find((s) => s.short !== undefined && `-${s.short}` === flag);
    if (!spec) {
      const hint = suggest(flag.replace(/^-+/, '--'), names);
      throw new UsageError(`podwright ${command}: unknown option ${flag}${hint ? `; did you mean ${hint}?` : `; run \`podwright ${command} --help\`.`}`);
    }
    if (!spec.value) {
      if (eq !== -1) throw new UsageError(`podwright ${command}: --${spec.name} takes no value.`);
      options[spec.name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    if (value === undefined || value === '') throw new UsageError(`podwright ${command}: --${spec.name} needs a value.`);
    if (spec.choices && !spec.choices.includes(value)) {
      const hint = suggest(value, spec.choices);
      throw new UsageError(`podwright ${command}: --${spec.name} ${value} is not one of ${spec.choices.join(', ')}${hint ? `; did you mean ${hint}?` : '.'}`);
    }
    options[spec.name] = value;
    (values[spec.name] ??= []).push(value);
  }
  return { options, values, positionals };
}
