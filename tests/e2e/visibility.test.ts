import { dealWorkflowId, periodCloseWorkflowId, repWorkflowId } from '../../libs/contracts';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { eventually } from '../support/eventually';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 16 item 2: a manager finds a deal by owner and by status in the Temporal UI. The workflows keep the search
 * attributes DealId, Owner, DealStatus (deal), RepId, RepStatus (rep) and Period (period close) current, and the API
 * starts each workflow with a static summary. Asserted here through the visibility API the UI itself uses (list with
 * a query), which the dev server answers eventually: every look polls.
 */
describe('Temporal visibility (issue 16): search attributes and summaries', () => {
  let h: Harness;
  const { ok, createDeal, retire } = dealKit(() => h);
  const { admin, finance } = DEAL_BOOK_ACTORS;

  /** The workflow ids a visibility query finds, sorted; polled until they are `expected`. */
  const found = (query: string, expected: string[]) =>
    eventually(async () => {
      const ids: string[] = [];
      for await (const execution of h.client.workflow.list({ query })) ids.push(execution.workflowId);
      expect(ids.sort()).toEqual([...expected].sort());
      return ids;
    }, 30_000, 250);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['vis-ae-1', 'vis-ae-2']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('finds deals by owner and by status, a killed deal as KILLED and a closed one as CLOSED', async () => {
    await createDeal('VIS-ACTIVE', { owner: 'vis-ae-1' });
    await createDeal('VIS-KILLED', { owner: 'vis-ae-1' });
    await createDeal('VIS-OTHER', { owner: 'vis-ae-2' });
    await createDeal('VIS-CLOSED', { owner: 'vis-ae-2' });
    await retire('VIS-KILLED', 'vis-ae-1:rep', 'G1', 'AWARD_LETTER', '2027-04-01');
    await ok('POST', '/deals/VIS-KILLED/kill', admin, { reason: 'sponsor terminated the program', effectiveDate: '2027-07-01' }, [200]);
    await ok('POST', '/deals/VIS-CLOSED/kill', admin, { reason: 'lost the award', effectiveDate: '2027-05-01' }, [200]);
    await ok('POST', '/deals/VIS-CLOSED/close', finance, {}, [200]);

    await found('Owner = "vis-ae-1" AND DealStatus = "KILLED"', [dealWorkflowId('VIS-KILLED')]);
    await found('Owner = "vis-ae-1"', [dealWorkflowId('VIS-ACTIVE'), dealWorkflowId('VIS-KILLED')]);
    await found('DealStatus = "ACTIVE"', [dealWorkflowId('VIS-ACTIVE'), dealWorkflowId('VIS-OTHER')]);
    // The close ends the deal's workflow: its last upsert lands before the workflow completes.
    await found('DealStatus = "CLOSED"', [dealWorkflowId('VIS-CLOSED')]);
    await found('DealId = "VIS-OTHER"', [dealWorkflowId('VIS-OTHER')]);

    // What the UI shows beside the id: the static summary from the start, and the current details the workflow keeps.
    const handle = h.client.workflow.getHandle(dealWorkflowId('VIS-KILLED'));
    expect(await (await handle.describe()).staticSummary()).toBe('Deal VIS-KILLED: Helix Bio, VIS-KILLED Phase II (owner vis-ae-1)');
    expect((await handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata')).currentDetails).toBe('Deal VIS-KILLED (Helix Bio, VIS-KILLED Phase II): owner vis-ae-1, KILLED');
    await saveReplayFixture(h.client, dealWorkflowId('VIS-KILLED'), 'deal-search-attributes');
  }, 120_000);

  it('follows a reassignment: the new owner finds the deal, the departed rep no longer does', async () => {
    await h.ok('POST', '/reps', admin, { id: 'vis-leaver', name: 'Leaver', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027' }, [201]);
    await createDeal('VIS-MOVED', { owner: 'vis-leaver' });
    await found('Owner = "vis-leaver"', [dealWorkflowId('VIS-MOVED')]);
    await ok('POST', '/reps/vis-leaver/departure', 'hr-1:hr', { effectiveDate: '2027-06-30', goodStanding: true, reassignments: [{ dealId: 'VIS-MOVED', newOwner: 'vis-ae-2' }] }, [200, 202]);
    await found('Owner = "vis-leaver"', []);
    await found('Owner = "vis-ae-2" AND DealStatus = "ACTIVE"', [dealWorkflowId('VIS-MOVED'), dealWorkflowId('VIS-OTHER')]);
    await found('RepId = "vis-leaver" AND RepStatus = "DEPARTED"', [repWorkflowId('vis-leaver')]);
    await saveReplayFixture(h.client, repWorkflowId('vis-leaver'), 'rep-search-attributes');
  }, 120_000);

  it('finds a rep by RepId and a period close by Period', async () => {
    await found('RepId = "vis-ae-1"', [repWorkflowId('vis-ae-1')]);
    await found('RepStatus = "ACTIVE"', [repWorkflowId('vis-ae-1'), repWorkflowId('vis-ae-2')]);
    await ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    await found('Period = "2027-Q1"', [periodCloseWorkflowId('2027-Q1')]);
    const handle = h.client.workflow.getHandle(periodCloseWorkflowId('2027-Q1'));
    expect(await (await handle.describe()).staticSummary()).toBe('Close of period 2027-Q1');
    await saveReplayFixture(h.client, periodCloseWorkflowId('2027-Q1'), 'period-close-search-attributes');
  }, 120_000);
});
