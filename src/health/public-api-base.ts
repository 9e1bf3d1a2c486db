/**
 * An api_base as it may be shown: no user:password, no query string (some
 * providers take a key as `?key=`), no fragment.
 */
export function publicApiBase(apiBase: string | undefined): string | null {
  if (!apiBase) return null;
  try {
    const url = new URL(apiBase);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(not a valid URL)';
  }
}
