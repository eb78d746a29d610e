import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApiClient } from '../support/api';

/**
 * The drift check of the shared test client, against a real HTTP server that serves the committed OpenAPI document
 * and answers what each test below sets: a response the document does not describe fails the request, naming the route.
 */
describe('ApiClient holds responses to the OpenAPI document', () => {
  const document = readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8');
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '[]' };
  let server: Server;
  let api: ApiClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const reply = req.url === '/docs-json' ? { status: 200, type: 'application/json', body: document } : answer;
      res.writeHead(reply.status, { 'content-type': reply.type }).end(reply.body);
    });
    // The server shares the test's event loop, which the client's first schema compile blocks for seconds: with the
    // default 5 s keep-alive the server would close the client's idle socket the moment the loop comes back.
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'secret');
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const problem = (status: number, code: string) => JSON.stringify({ type: `https://tranche.dev/problems/${code.toLowerCase()}`, title: 'x', status, detail: 'x', code });

  it('passes a documented answer', async () => {
    answer = { status: 200, type: 'application/json; charset=utf-8', body: '[]' };
    expect((await api.request('GET', '/plans', 'u:rep')).status).toBe(200);
    answer = { status: 404, type: 'application/problem+json; charset=utf-8', body: problem(404, 'NOT_FOUND') };
    expect((await api.request('GET', '/plans/p1', 'u:rep')).status).toBe(404);
  });

  it('fails on a body that breaks the schema, naming the route, the status and the errors', async () => {
    answer = { status: 200, type: 'application/json', body: JSON.stringify([{ id: 'p1', effectiveFrom: '2027-01-01', status: 'DRAFT', createdBy: 'a', publishedAt: null, params: {} }]) };
    await expect(api.request('GET', '/plans?x=1', 'u:rep')).rejects.toThrow(/OpenAPI drift: GET \/plans 200: the body does not match[\s\S]*\/0\/params must have required property/);
  });

  it('fails on an undocumented status or content type', async () => {
    answer = { status: 422, type: 'application/problem+json', body: problem(422, 'INVALID_DATA') };
    await expect(api.request('GET', '/plans/p1', 'u:rep')).rejects.toThrow(/GET \/plans\/\{id\} answered 422, which the OpenAPI document does not list/);
    answer = { status: 404, type: 'text/html', body: '<p>no</p>' };
    await expect(api.request('GET', '/plans/p1', 'u:rep')).rejects.toThrow(/content-type "text\/html"/);
  });

  it('does not check a route the document lacks, nor a request that opts out', async () => {
    answer = { status: 404, type: 'text/html', body: '<p>no</p>' };
    expect((await api.request('GET', '/no/such/route', 'u:rep')).status).toBe(404);
    expect((await api.request('DELETE', '/plans/p1', 'u:rep')).status).toBe(404);
    expect((await api.request('GET', '/plans/p1', 'u:rep', { contract: false })).status).toBe(404);
  });
});
