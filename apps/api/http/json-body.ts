import { Request, Response } from 'express';

/** No contract body nests deeper than a few levels; far deeper JSON would overflow JSON.stringify downstream (a 500). */
const MAX_JSON_DEPTH = 32;

/** Scans the raw body before it is parsed and refuses (400) nesting deeper than MAX_JSON_DEPTH. */
export function refuseDeepJson(_req: Request, _res: Response, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw Object.assign(new Error(`the request body nests deeper than ${MAX_JSON_DEPTH} levels`), { status: 400 });
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}
