// Talking to the service: JSON in, problem details (RFC 9457) out. Shared by every page.

/** A random UUID for a submission's client id (kept until it is accepted, so a retry is never a duplicate). */
export function newId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** An answer that is not a success: `status`, the problem's `title`/`detail`, and its field `errors` ({ "answers.ecog": [..] }). */
export class ApiError extends Error {
  constructor(status, problem, networkFailure = false) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
    this.networkFailure = networkFailure;
  }
}

/**
 * Sends a request; returns the parsed JSON of a success (with `file`, its bytes as they came and its
 * headers: a download), throws ApiError otherwise (network failures too).
 */
export async function call(method, url, { body, key, headers: extra, file = false } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['x-functions-key'] = key;
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, true);
  }
  if (file && response.ok) return { bytes: await response.arrayBuffer(), headers: response.headers };
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Removes what was not answered: empty strings, nulls, empty objects; keeps empty lists out too. */
export function compact(value) {
  if (Array.isArray(value)) return value.length ? value : undefined;
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compact(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === '' || value === null ? undefined : value;
}
