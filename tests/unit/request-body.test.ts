import { parseStrictJson } from '../../apps/api/http/request-body';

/** The API's JSON body parser (apps/api/http/request-body.ts): strict as Express's `json({ strict: true })` was. */
describe('parseStrictJson', () => {
  const parse = (text: string) => parseStrictJson(Buffer.from(text, 'utf8'));
  const statusOf = (text: string) => {
    try {
      parse(text);
      return 'parsed';
    } catch (err) {
      return `${(err as { status?: number }).status} ${(err as Error).message}`;
    }
  };

  it('parses an object or an array, leading whitespace allowed; an empty body is {}', () => {
    expect(parse('{"id":"D-1","tcv":"5.00"}')).toEqual({ id: 'D-1', tcv: '5.00' });
    expect(parse(' \n\t[1, {"a": []}]')).toEqual([1, { a: [] }]);
    expect(parse('')).toEqual({});
  });

  it('refuses a bare value, malformed JSON and nesting past 32 levels with 400', () => {
    for (const text of ['"x"', '5', 'null', 'true', '{"id": "SK-2",', '{"a":1}}']) expect(statusOf(text)).toBe('400 the request body is not valid JSON');
    expect(statusOf(`${'['.repeat(32)}${']'.repeat(32)}`)).toBe('parsed');
    expect(statusOf(`${'['.repeat(33)}${']'.repeat(33)}`)).toBe('400 the request body nests deeper than 32 levels');
    // Brackets inside strings, escaped quotes included, do not count.
    expect(parse(`{"note": "${'[{'.repeat(40)} \\" ${'[{'.repeat(40)}"}`)).toEqual({ note: `${'[{'.repeat(40)} " ${'[{'.repeat(40)}` });
  });
});
