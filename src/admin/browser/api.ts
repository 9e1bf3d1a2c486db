/**
 * Calls to the gateway's JSON APIs with the master key, which is typed into
 * the sign-in form and kept in this tab's sessionStorage only. With no key
 * stored (the page was opened with an Authorization header a proxy adds),
 * requests go without one and the proxy adds it again.
 */

const KEY_STORE = 'llmgw.admin.key';

let key = sessionStorage.getItem(KEY_STORE) ?? '';

export const session = {
  get signedIn(): boolean {
    return key !== '';
  },
  signIn(value: string): void {
    key = value;
    sessionStorage.setItem(KEY_STORE, value);
  },
  signOut(): void {
    key = '';
    sessionStorage.removeItem(KEY_STORE);
  },
};

/** The API's error, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function errorStatus(err: unknown): number | undefined {
  return err instanceof ApiError ? err.status : undefined;
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message = (data as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(message || `HTTP ${res.status}`, res.status);
  }
  return data as T;
}
