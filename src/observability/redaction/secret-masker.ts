import { redactWith } from './redactor';
import { REDACTED, redactString } from './secret-patterns';

/** Shorter values are not registered: they would mask ordinary words, and no real key is that short. */
export const MIN_KNOWN_SECRET_LENGTH = 6;

/** What `maskError` rewrites: a GatewayError's message and code (or any error's message). */
interface MaskableError {
  message: string;
  code?: string | null;
}

/**
 * The one place secrets are taken out of text. It knows two kinds:
 * values the gateway holds (configured keys, environment credentials,
 * registered per source at config load and reload; and per call, the keys a
 * caller sent, passed in as `extra`), and key-shaped tokens (`sk-…`,
 * `AKIA…`, `Bearer …`, `?key=…`; see secret-patterns.ts). Every value found
 * becomes `[REDACTED]`. Used wherever provider text turns into an answer, a
 * log line, a sink event or an admin view.
 */
export class SecretMasker {
  private readonly sources = new Map<unknown, readonly string[]>();
  /** Every registered value, longest first (a key containing another is masked whole). */
  private known: readonly string[] = [];

  /** Replaces the values registered under `source` (a config reload calls it again). */
  register(source: unknown, values: Iterable<string>): void {
    this.sources.set(source, normalise(values));
    this.rebuild();
  }

  unregister(source: unknown): void {
    if (this.sources.delete(source)) this.rebuild();
  }

  /** How many values are registered (for tests and diagnostics; never the values). */
  get size(): number {
    return this.known.length;
  }

  /** The text with every known value (global and `extra`) and every key-shaped token masked. */
  mask(text: string, extra?: readonly string[]): string {
    if (text.length >= MIN_KNOWN_SECRET_LENGTH) {
      text = maskValues(text, this.known);
      if (extra && extra.length > 0) text = maskValues(text, extra);
    }
    return redactString(text);
  }

  /** Masks an error's message and code in place (errors are made per failure, so nothing shared changes). */
  maskError<E extends MaskableError>(err: E, extra?: readonly string[]): E {
    const message = this.mask(err.message, extra);
    if (message !== err.message) err.message = message;
    if (typeof err.code === 'string') {
      const code = this.mask(err.code, extra);
      if (code !== err.code) (err as MaskableError).code = code;
    }
    return err;
  }

  /** `redact` (secret keys, key shapes) plus the known values, in every string of `value`. Copy-on-write. */
  redact<T>(value: T, extra?: readonly string[]): T {
    return redactWith(value, (s) => this.mask(s, extra));
  }

  private rebuild(): void {
    const all = new Set<string>();
    for (const values of this.sources.values()) for (const v of values) all.add(v);
    this.known = [...all].sort((a, b) => b.length - a.length);
  }
}

/**
 * Values as they may be echoed: as given, without a `Bearer `/`Basic `
 * scheme, and URL-encoded (an AWS secret's `/` and `+` in a query string).
 */
export function normalise(values: Iterable<string>): string[] {
  const out = new Set<string>();
  const add = (v: string) => {
    if (v.length >= MIN_KNOWN_SECRET_LENGTH && v !== REDACTED) out.add(v);
  };
  for (const raw of values) {
    if (typeof raw !== 'string') continue;
    const value = raw.trim();
    const token = /^(?:Bearer|Basic)\s+(.+)$/i.exec(value)?.[1];
    for (const v of token ? [value, token] : [value]) {
      add(v);
      const encoded = uriEncoded(v);
      if (encoded !== undefined && encoded !== v) add(encoded);
    }
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** The URL-encoded spelling of a value, or undefined for one that has none (a lone surrogate). */
function uriEncoded(value: string): string | undefined {
  try {
    return encodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function maskValues(text: string, values: readonly string[]): string {
  for (const v of values) {
    if (v.length <= text.length && text.includes(v)) text = text.split(v).join(REDACTED);
  }
  return text;
}

/**
 * The process's masker. Pure mappers (provider error mappers, the exception
 * mapping) have no injector, and the secrets it holds are the process's own,
 * so there is one; each app registers its config under its own source and
 * removes it on shutdown.
 */
export const secretMasker = new SecretMasker();
