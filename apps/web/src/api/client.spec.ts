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
