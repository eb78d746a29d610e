import { conflictingCreate, DEFAULT_HISTORY_LIMIT, isDueToContinue } from '../../workflows/entity-workflow';

const actor = { id: 'admin', roles: ['comp_admin'] };

describe('entity workflow helper', () => {
  it('continues as new when the server suggests it or the history reaches the limit', () => {
    expect(isDueToContinue({ continueAsNewSuggested: false, historyLength: DEFAULT_HISTORY_LIMIT - 1 }, DEFAULT_HISTORY_LIMIT)).toBe(false);
    expect(isDueToContinue({ continueAsNewSuggested: false, historyLength: DEFAULT_HISTORY_LIMIT }, DEFAULT_HISTORY_LIMIT)).toBe(true);
    expect(isDueToContinue({ continueAsNewSuggested: true, historyLength: 10 }, DEFAULT_HISTORY_LIMIT)).toBe(true);
  });

  it('answers a repeated create only for the request that started the workflow', () => {
    expect(conflictingCreate('deal D-1', 'h1', { actor, requestHash: 'h1' })).toBeNull();
    expect(conflictingCreate('deal D-1', 'h1', { actor, requestHash: 'h2' })).toEqual({ code: 'CONFLICT', message: 'deal D-1 already exists with other attributes' });
  });

  it('has nothing to compare for a workflow started without a request hash', () => {
    expect(conflictingCreate('rep ae-1', undefined, { actor, requestHash: 'h2' })).toBeNull();
  });
});
