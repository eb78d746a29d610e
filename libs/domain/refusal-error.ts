/** A refusal raised outside the workflow (persistence, API): carries the stable code the API returns. */
export class RefusalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}
