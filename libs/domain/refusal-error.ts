import type { RefusalCode } from './refusal';

/** A refusal raised outside the workflow (persistence, API): carries the stable code the API returns. */
export class RefusalError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}
