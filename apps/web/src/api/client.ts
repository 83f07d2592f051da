// The one way the console talks to the gateway. Every call:
// - sends the session cookie (same origin) and asks for JSON;
// - adds `x-csrf-token` on writes (POST/PUT/PATCH/DELETE), as the gateway requires for cookie sessions;
// - adds `x-qinglian-tenant` on /api calls while a supervisor views a tenant below its own;
// - turns a failed answer into an ApiError carrying the RFC 9457 problem (problem+json), and
//   reports a 401 through `onUnauthorized` so the console shows the sign-in page.
// Plain TypeScript without DOM types: the browser passes its own fetch, unit tests a real server.

/** RFC 9457 problem details as the gateway writes them (apps/gateway/src/platform/problem.filter.ts). */
export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly field?: string;
  readonly rule?: string;
  readonly instance?: string;
  /** Every wrong field when several are (a validation problem: what a submit found incomplete). */
  readonly errors?: readonly FieldProblem[];
  /** Where a rejected Excel import went wrong, cell by cell. */
  readonly problems?: readonly ImportProblem[];
}

export interface FieldProblem {
  readonly field: string;
  readonly rule?: string;
  readonly message: string;
}

export interface ImportProblem {
  readonly sheet: string;
  readonly row: number;
  readonly column: string | null;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** True when the request never got an answer (status 0). */
  get isNetworkError(): boolean {
    return this.problem.status === 0;
  }
}

export type Query = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface RequestOptions {
  readonly query?: Query;
  /** Sent as JSON, or as it is when FormData (multipart; fetch sets the boundary). */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** 'blob' for files (charts, workbooks): the answer's bytes instead of parsed JSON. */
  readonly as?: 'json' | 'blob';
}

export interface ApiClientOptions {
  /** Origin to prefix paths with: '' in the browser (same origin). */
  readonly baseUrl?: string;
  /** The session's CSRF token (from GET /api/v1/me); null for bearer-token callers. */
  readonly csrfToken?: string | null;
  /** The tenant being viewed when it is not the caller's own (supervisors reading below). */
  readonly tenantId?: string | null;
  /** Called once for every 401 answer, before the ApiError is thrown. */
  readonly onUnauthorized?: () => void;
  readonly fetch?: typeof fetch;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /** POSTs one file as multipart/form-data under `field` (the CSRF header like every write). */
  upload<T>(path: string, field: string, file: Blob, fileName: string, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  /** GETs a file: its bytes, with the same headers as the JSON calls (the viewed tenant's, above all). */
  getBlob(path: string, options?: Omit<RequestOptions, 'body' | 'as'>): Promise<Blob>;
}

export const CSRF_HEADER = 'x-csrf-token';
export const TENANT_HEADER = 'x-qinglian-tenant';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, req: RequestOptions = {}): Promise<T> {
    const verb = method.toUpperCase();
    const multipart = req.body instanceof FormData;
    const headers: Record<string, string> = { accept: req.as === 'blob' ? '*/*' : 'application/json, application/problem+json' };
    if (req.body !== undefined && !multipart) headers['content-type'] = 'application/json';
    if (WRITES.has(verb) && options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;
    if (options.tenantId && path.startsWith('/api/')) headers[TENANT_HEADER] = options.tenantId;

    let res: Response;
    try {
      res = await doFetch(baseUrl + withQuery(path, req.query), {
        method: verb,
        headers,
        credentials: 'same-origin',
        ...(req.body === undefined ? {} : { body: multipart ? req.body : JSON.stringify(req.body) }),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (e) {
      if (req.signal?.aborted) throw e;
      throw new ApiError({ title: 'Network error', status: 0, detail: e instanceof Error ? e.message : String(e) });
    }

    if (!res.ok) {
      const problem = await readProblem(res);
      if (res.status === 401) options.onUnauthorized?.();
      throw new ApiError(problem);
    }
    if (req.as === 'blob') return (await res.blob()) as T;
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => request('PATCH', path, { ...opts, body }),
    upload: (path, field, file, fileName, opts) => {
      const form = new FormData();
      form.append(field, file, fileName);
      return request('POST', path, { ...opts, body: form });
    },
    getBlob: (path, opts) => request<Blob>('GET', path, { ...opts, as: 'blob' }),
  };
}

/** Appends the query's non-empty values; `undefined`, `null` and '' mean "not filtered". */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  if (!qs) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

/** The problem in an error answer; a non-JSON answer (a proxy's HTML page) becomes `{title, status}`. */
export async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { title: res.statusText || `HTTP ${res.status}`, status: res.status };
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body: unknown = await res.json();
    if (typeof body !== 'object' || body === null) return fallback;
    const b = body as Record<string, unknown>;
    const str = (k: string): string | undefined => (typeof b[k] === 'string' ? b[k] : undefined);
    const title = str('title') ?? str('message') ?? fallback.title;
    const detail = str('detail');
    const code = str('code');
    const field = str('field');
    const rule = str('rule');
    const problemType = str('type');
    const instance = str('instance');
    const errors = arrayOf(b['errors'], isFieldProblem);
    const problems = arrayOf(b['problems'], isImportProblem);
    return {
      title,
      status: typeof b['status'] === 'number' ? b['status'] : res.status,
      ...(problemType === undefined ? {} : { type: problemType }),
      ...(detail === undefined ? {} : { detail }),
      ...(code === undefined ? {} : { code }),
      ...(field === undefined ? {} : { field }),
      ...(rule === undefined ? {} : { rule }),
      ...(instance === undefined ? {} : { instance }),
      ...(errors === undefined ? {} : { errors }),
      ...(problems === undefined ? {} : { problems }),
    };
  } catch {
    return fallback;
  }
}

function arrayOf<T>(value: unknown, is: (v: unknown) => v is T): T[] | undefined {
  return Array.isArray(value) ? value.filter(is) : undefined;
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
}

function isFieldProblem(v: unknown): v is FieldProblem {
  const r = record(v);
  return r !== null && typeof r['field'] === 'string' && typeof r['message'] === 'string' && (r['rule'] === undefined || typeof r['rule'] === 'string');
}

function isImportProblem(v: unknown): v is ImportProblem {
  const r = record(v);
  return r !== null && typeof r['sheet'] === 'string' && typeof r['row'] === 'number' && (r['column'] === null || typeof r['column'] === 'string') && typeof r['message'] === 'string';
}
