import { CliError } from './articles';

export interface ParsedArgs {
  values: Record<string, string | undefined>;
  repeated: Record<string, string[]>;
  flags: Record<string, boolean>;
  positional: string[];
}

export interface ArgSpec {
  values?: string[];
  repeatable?: string[];
  flags?: string[];
}

/** `--name value`, `--name=value`, repeatable `--name v1 --name v2`, boolean `--flag`, positionals. */
export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { values: {}, repeated: {}, flags: {}, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.flags?.includes(name)) {
      out.flags[name] = true;
      continue;
    }
    const isValue = spec.values?.includes(name);
    const isRepeat = spec.repeatable?.includes(name);
    if (!isValue && !isRepeat) throw new CliError(`Unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
    if (isRepeat) (out.repeated[name] ??= []).push(value);
    else out.values[name] = value;
  }
  return out;
}

/** Runs a CLI main: user errors print their message, anything else a one-line error; no stack traces. */
export function runCli(main: () => number | Promise<number>): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        const msg = e instanceof CliError ? e.message : `Unexpected error: ${(e as Error)?.message ?? String(e)}`;
        console.error(msg);
        process.exitCode = e instanceof CliError ? 2 : 1;
      },
    );
}
