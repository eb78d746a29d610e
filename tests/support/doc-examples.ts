import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The request/response examples of docs/api.md, read from its ```http blocks: a request block (`METHOD /path`,
 * headers, a blank line, an optional JSON body) followed by a response block (`HTTP/1.1 <status>`, headers to check,
 * a blank line, the JSON the body must contain). `Authorization: Bearer <sub role1,role2>` names who calls.
 */
export interface DocExample {
  /** Where the request starts in the file, 1-based, for failure messages. */
  line: number;
  method: string;
  path: string;
  caller?: { sub: string; roles: string[] };
  requestHeaders: Record<string, string>;
  body?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  expected?: unknown;
}

export const API_DOC_PATH = join(__dirname, '..', '..', 'docs', 'api.md');

interface Block {
  line: number;
  lines: string[];
}

function httpBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```http') continue;
    const start = i + 1;
    const end = lines.indexOf('```', start);
    if (end < 0) throw new Error(`docs/api.md:${i + 1}: unterminated http block`);
    blocks.push({ line: start + 1, lines: lines.slice(start, end) });
    i = end;
  }
  return blocks;
}

/** Headers up to the first blank line, then the rest parsed as JSON (undefined when empty). */
function headersAndJson(block: Block, from: number): { headers: Record<string, string>; json?: unknown } {
  const headers: Record<string, string> = {};
  let i = from;
  for (; i < block.lines.length && block.lines[i].trim() !== ''; i++) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(block.lines[i]);
    if (!m) throw new Error(`docs/api.md:${block.line + i}: not a header line: ${block.lines[i]}`);
    headers[m[1].toLowerCase()] = m[2].trim();
  }
  const text = block.lines.slice(i).join('\n').trim();
  if (!text) return { headers };
  try {
    return { headers, json: JSON.parse(text) };
  } catch (err) {
    throw new Error(`docs/api.md:${block.line + i}: the body is not JSON: ${(err as Error).message}`);
  }
}

export function parseDocExamples(markdown: string): DocExample[] {
  const blocks = httpBlocks(markdown);
  const examples: DocExample[] = [];
  for (let b = 0; b < blocks.length; b += 2) {
    const request = blocks[b];
    const response = blocks[b + 1];
    const requestLine = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(request.lines[0] ?? '');
    if (!requestLine) throw new Error(`docs/api.md:${request.line}: an example starts with "METHOD /path", got: ${request.lines[0]}`);
    const statusLine = /^HTTP\/1\.1 (\d{3})\b/.exec(response?.lines[0] ?? '');
    if (!response || !statusLine) throw new Error(`docs/api.md:${request.line}: the request is not followed by an "HTTP/1.1 <status>" block`);
    const req = headersAndJson(request, 1);
    const res = headersAndJson(response, 1);
    const { authorization, ...requestHeaders } = req.headers;
    let caller: DocExample['caller'];
    if (authorization !== undefined) {
      const m = /^Bearer <(\S+) ([a-z_,]+)>$/.exec(authorization);
      if (!m) throw new Error(`docs/api.md:${request.line}: write the token as "Bearer <sub role1,role2>", got: ${authorization}`);
      caller = { sub: m[1], roles: m[2].split(',') };
    }
    examples.push({
      line: request.line,
      method: requestLine[1],
      path: requestLine[2],
      caller,
      requestHeaders,
      body: req.json,
      status: Number(statusLine[1]),
      responseHeaders: res.headers,
      expected: res.json,
    });
  }
  return examples;
}

export function readDocExamples(): DocExample[] {
  return parseDocExamples(readFileSync(API_DOC_PATH, 'utf8'));
}
