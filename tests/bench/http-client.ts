import http from 'node:http';

/**
 * The bench's HTTP client: node:http over a keep-alive pool. The load generator shares the 2 cores with the system
 * it measures, and fetch() costs it about twice the CPU per request, which the API and PostgreSQL then lack.
 * Only the transport is its own: tokens come from tests/support/api.ts' minter (`stack.api.token`), and every call
 * that is not measured goes through tests/support/api.ts (`stack.api`), except a period close: node:http has no
 * headers timeout, where fetch() (undici) drops a request whose response headers take over 300 s, and a close of
 * thousands of reps can. `timeoutMs` here is the only limit: that long without a byte from the server.
 */
export class BenchHttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(baseUrl);
  }

  async request<T = any>(method: string, path: string, token: string, body?: unknown, timeoutMs = 180_000): Promise<{ status: number; body: T }> {
    try {
      return await this.send<T>(method, path, token, body, timeoutMs);
    } catch (err) {
      // The server closed an idle keep-alive connection just as this request went out on it: the request never
      // reached the application, so sending it again is safe (the retry Node's http docs recommend).
      if ((err as { staleSocket?: boolean }).staleSocket) return this.send<T>(method, path, token, body, timeoutMs);
      throw err;
    }
  }

  private send<T>(method: string, path: string, token: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: T }> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.url.hostname, port: this.url.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          } catch (err) {
            reject(new Error(`${method} ${path} → ${res.statusCode} unparseable body: ${(err as Error).message}`));
          }
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(req.reusedSocket && err.code === 'ECONNRESET' ? Object.assign(err, { staleSocket: true }) : err));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
