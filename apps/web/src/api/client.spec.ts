import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient, withQuery } from './client';

// The fetch wrapper against a real HTTP server on 127.0.0.1 that records what it receives and
// answers as the gateway would.
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('api client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: Seen[] = [];
  let answer: { status: number; type?: string; body?: string } = { status: 200, type: 'application/json', body: '{}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    seen.length = 0;
    answer = { status: 200, type: 'application/json', body: '{"items":[],"total":0}' };
  });

  it('reads JSON and sends no CSRF or tenant header on a plain read', async () => {
    const api = createApiClient({ baseUrl, csrfToken: 'csrf-1' });
    await expect(api.get('/api/v1/power-items', { query: { q: '产权', category: undefined, limit: 20 } })).resolves.toEqual({ items: [], total: 0 });
    expect(seen[0]).toMatchObject({ method: 'GET', url: `/api/v1/power-items?q=${encodeURIComponent('产权')}&limit=20` });
    expect(seen[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(seen[0]!.headers['x-qinglian-tenant']).toBeUndefined();
    expect(seen[0]!.headers['accept']).toContain('application/json');
  });

  it('adds x-csrf-token on writes and sends the body as JSON', async () => {
    const api = createApiClient({ baseUrl, csrfToken: 'csrf-1' });
    answer = { status: 201, type: 'application/json', body: '{"id":"x"}' };
    await expect(api.post('/api/v1/org-units', { name: '产权科' })).resolves.toEqual({ id: 'x' });
    for (const method of ['PUT', 'PATCH', 'DELETE']) await api.request(method, '/api/v1/x');
    expect(seen.map((s) => [s.method, s.headers['x-csrf-token']])).toEqual([
      ['POST', 'csrf-1'],
      ['PUT', 'csrf-1'],
      ['PATCH', 'csrf-1'],
      ['DELETE', 'csrf-1'],
    ]);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: '产权科' });
  });

  it('sends x-qinglian-tenant on /api calls when another tenant is viewed, not on /auth', async () => {
    const api = createApiClient({ baseUrl, csrfToken: 'c', tenantId: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f02' });
    await api.get('/api/v1/power-items');
    answer = { status: 200, type: 'application/json', body: '{"logoutUrl":"/"}' };
    await api.post('/auth/logout');
    expect(seen[0]!.headers['x-qinglian-tenant']).toBe('6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f02');
    expect(seen[1]!.headers['x-qinglian-tenant']).toBeUndefined();
  });

  it('turns problem+json into an ApiError with title, detail, code and field', async () => {
    answer = {
      status: 400,
      type: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:qinglian:problem:validation', title: 'Bad Request', status: 400, detail: 'name: must be 1–200 characters', code: 'VALIDATION', field: 'name', rule: 'length' }),
    };
    const error = await createApiClient({ baseUrl }).post('/api/v1/power-items', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.problem).toEqual({ type: 'urn:qinglian:problem:validation', title: 'Bad Request', status: 400, detail: 'name: must be 1–200 characters', code: 'VALIDATION', field: 'name', rule: 'length' });
    expect(apiError.message).toBe('name: must be 1–200 characters');
  });

  it('keeps the list of wrong fields and the import problems of a problem', async () => {
    answer = {
      status: 400,
      type: 'application/problem+json',
      body: JSON.stringify({
        title: 'Bad Request',
        status: 400,
        code: 'VALIDATION',
        detail: 'incomplete',
        errors: [{ field: 'flow.steps[0].actor', rule: 'required', message: 'is required' }, { nonsense: true }],
        problems: [{ sheet: '权力事项', row: 3, column: '事项名称', message: '不能为空' }, { sheet: 'x', row: 'one', column: null, message: 'bad row' }],
      }),
    };
    const error = (await createApiClient({ baseUrl }).post('/api/v1/power-items/x/versions/1/submit').catch((e: unknown) => e)) as ApiError;
    expect(error.problem.errors).toEqual([{ field: 'flow.steps[0].actor', rule: 'required', message: 'is required' }]);
    expect(error.problem.problems).toEqual([{ sheet: '权力事项', row: 3, column: '事项名称', message: '不能为空' }]);
  });

  it('PUTs and PATCHes JSON with the CSRF header', async () => {
    const api = createApiClient({ baseUrl, csrfToken: 'csrf-2' });
    await api.put('/api/v1/power-items/a/versions/1/flow', { steps: [] });
    await api.patch('/api/v1/org-units/u', { parentId: null });
    expect(seen.map((s) => [s.method, s.url, s.headers['x-csrf-token'], s.body])).toEqual([
      ['PUT', '/api/v1/power-items/a/versions/1/flow', 'csrf-2', '{"steps":[]}'],
      ['PATCH', '/api/v1/org-units/u', 'csrf-2', '{"parentId":null}'],
    ]);
  });

  it('uploads a file as multipart/form-data under the named field, with the CSRF and tenant headers', async () => {
    answer = { status: 201, type: 'application/json', body: '{"orgUnits":1,"posts":0,"powerItems":2,"responsibilityLists":0}' };
    const api = createApiClient({ baseUrl, csrfToken: 'csrf-3', tenantId: 't-1' });
    const file = new Blob(['PK-bytes'], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await expect(api.upload('/api/v1/excel/import', 'file', file, '清单.xlsx')).resolves.toEqual({ orgUnits: 1, posts: 0, powerItems: 2, responsibilityLists: 0 });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['x-csrf-token']).toBe('csrf-3');
    expect(req.headers['x-qinglian-tenant']).toBe('t-1');
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.body).toContain('name="file"');
    expect(req.body).toContain('PK-bytes');
  });

  it('reads a file as a Blob, sending the tenant header', async () => {
    answer = { status: 200, type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"/>' };
    const blob = await createApiClient({ baseUrl, tenantId: 't-2' }).getBlob('/api/v1/power-items/a/versions/1/flow.svg');
    expect(blob.type).toBe('image/svg+xml');
    expect(await blob.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(seen[0]!.headers['x-qinglian-tenant']).toBe('t-2');
    expect(seen[0]!.headers['accept']).toBe('*/*');
  });

  it('keeps the status of an answer that is not JSON', async () => {
    answer = { status: 502, type: 'text/html', body: '<html>Bad gateway</html>' };
    const error = (await createApiClient({ baseUrl }).get('/api/v1/power-items').catch((e: unknown) => e)) as ApiError;
    expect(error.problem).toEqual({ title: 'Bad Gateway', status: 502 });
  });

  it('reports a 401 to onUnauthorized (the sign-in page) and still rejects', async () => {
    answer = { status: 401, type: 'application/problem+json', body: JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Sign in first' }) };
    const onUnauthorized = jest.fn();
    const api = createApiClient({ baseUrl, onUnauthorized });
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 401, problem: { detail: 'Sign in first' } });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    answer = { status: 403, type: 'application/problem+json', body: JSON.stringify({ title: 'Forbidden', status: 403 }) };
    await expect(api.get('/api/v1/power-items')).rejects.toMatchObject({ status: 403 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('answers an unreachable server with a network ApiError (status 0)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = (await createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).get('/api/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.isNetworkError).toBe(true);
  });

  it('rethrows an abort as it is', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await createApiClient({ baseUrl }).get('/api/v1/me', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('withQuery', () => {
  it('skips empty values and appends to an existing query', () => {
    expect(withQuery('/a', { q: '', x: null, y: undefined })).toBe('/a');
    expect(withQuery('/a?b=1', { c: 2, d: true })).toBe('/a?b=1&c=2&d=true');
  });
});
