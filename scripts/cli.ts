/** What the command-line tools share: one-line errors with exit codes, and `--name value` options. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the input cannot be used; 2: the command line is wrong. */
    readonly code = 1,
  ) {
    super(message);
  }
}

export function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliError(`${name} needs a value`, 2);
  return v;
}

/** The first argument that is neither an option nor an option's value. */
export function positional(args: readonly string[], valued: ReadonlySet<string>): string | undefined {
  return args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
}

/** Runs a command, turning any failure into one line on stderr and an exit code. */
export function run(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      const err = e instanceof CliError ? e : new CliError(String(e instanceof Error ? e.message : e));
      process.stderr.write(`${err.message}\n`);
      process.exitCode = err.code;
    });
}
