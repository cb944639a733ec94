/** Splits `--name value`, `--flag` and positional words; repeated options collect into arrays. */
export function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split("=", 2);
    const next = argv[i + 1];
    const takesNext = inline === undefined && next !== undefined && !next.startsWith("--");
    const value = inline ?? (takesNext ? next : "true");
    if (takesNext) i++;
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return {
    positional,
    get: (name: string) => options.get(name)?.at(-1),
    all: (name: string) => options.get(name) ?? [],
    has: (name: string) => options.has(name),
  };
}

export type Args = ReturnType<typeof parseArgs>;
