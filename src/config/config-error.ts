/**
 * A configuration problem found at start-up or on reload: one message naming
 * the file, the path inside it and what was expected.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(ConfigError.format(file, problems));
    this.name = 'ConfigError';
  }

  private static format(file: string, problems: ReadonlyArray<{ path: string; message: string }>): string {
    const [first, ...rest] = problems;
    const head = `Invalid config file ${file}: ${first.path ? `${first.path}: ` : ''}${first.message}`;
    if (rest.length === 0) return head;
    const more = rest.slice(0, 4).map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`);
    return `${head}; also ${more.join('; ')}${rest.length > 4 ? ` (and ${rest.length - 4} more)` : ''}`;
  }
}
