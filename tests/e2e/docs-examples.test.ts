import { Harness, startHarness } from '../support/harness';
import { readDocExamples } from '../support/doc-examples';

/**
 * Every request/response example of docs/api.md, replayed in order against the real stack (API, worker, Temporal dev
 * server, PostgreSQL) on an empty book with the manual business clock, as the page says. Each answer must have the
 * documented status and headers, and its body must contain the documented JSON (objects may carry more keys; arrays
 * are compared whole), so the guide cannot drift from the code.
 */
describe('docs/api.md examples', () => {
  let h: Harness;
  const examples = readDocExamples();

  beforeAll(async () => {
    h = await startHarness(__filename);
  }, 60_000);
  afterAll(async () => h?.stop(), 60_000);

  it('documents examples for every role', () => {
    const roles = new Set(examples.flatMap((e) => e.caller?.roles ?? []));
    expect([...roles].sort()).toEqual(['comp_admin', 'deal_desk', 'finance', 'hr', 'manager', 'rep']);
  });

  it('answers every example as documented, in order', async () => {
    for (const example of examples) {
      const where = `docs/api.md:${example.line} ${example.method} ${example.path}`;
      const headers = { ...example.requestHeaders };
      delete headers['content-type'];
      const caller = example.caller ? `${example.caller.sub}:${example.caller.roles.join(',')}` : undefined;
      const res = await h.api.request(example.method, example.path, caller, { body: example.body, headers });
      const seen = { where, status: res.status, body: res.body };
      expect(seen).toMatchObject({ where, status: example.status });
      for (const [name, value] of Object.entries(example.responseHeaders)) {
        const actual = res.headers.get(name) ?? '';
        expect({ where, [name]: name === 'content-type' ? actual.split(';')[0] : actual }).toEqual({ where, [name]: value });
      }
      if (example.expected !== undefined) expect({ where, body: res.body }).toMatchObject({ where, body: example.expected });
    }
  }, 240_000);
});
