import { closeRepPeriod, RepPeriodInput } from '../../libs/domain';
import { repStateQuery, repWorkflowId, statementOrDataError } from '../../libs/contracts';
import { LedgerCloseRepository } from '../../libs/persistence/ledger-close.repository';
import { expectProblem } from '../support/api';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 15: the set-based period close (DECISIONS.md "A set-based period close"). A rep nothing is in doubt for is
 * closed in the ledger, a batch per transaction, without an Update through its rep workflow; a departed rep is closed
 * by its workflow, which first catches up from the statements the ledger wrote.
 */
describe('set-based period close (issue 15)', () => {
  let h: Harness;
  const admin = 'lc-admin:comp_admin';
  const admin2 = 'lc-admin2:comp_admin';
  const finance = 'lc-fin:finance';
  const hr = 'lc-hr:hr';

  /** The names of the Updates the rep's workflow accepted, in order (every run of its chain is one history here). */
  const updatesTo = async (repId: string): Promise<string[]> => {
    const history = await h.client.workflow.getHandle(repWorkflowId(repId)).fetchHistory();
    return (history.events ?? []).flatMap((e) => {
      const name = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
      return name ? [name] : [];
    });
  };

  beforeAll(async () => {
    h = await startHarness(__filename);
    // No ramp: an unpaid draw is recoverable from the first quarter; FORGIVE writes it off at the departure.
    await h.ok('POST', '/plans', admin, { id: 'LC-2027', effectiveFrom: '2027-01-01', params: { draw: { rampQuarters: 0, capQuarters: 4, exitTreatment: 'FORGIVE' } } }, [201]);
    await h.ok('POST', '/plans/LC-2027/publish', admin, undefined, [200]);
    for (const id of ['lc-stays', 'lc-leaves']) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027' }, [201]);
    }
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('closes reps nothing is in doubt for in the ledger: statements written, no Update through their workflows', async () => {
    const pending = await h.ok('POST', '/adjustments', admin, { repId: 'lc-stays', period: '2027-Q1', amount: '250.00', kind: 'SPIFF', reason: 'left pending' }, [201]);
    const closed = await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expect(closed).toMatchObject({ period: '2027-Q1', status: 'CLOSED' });
    for (const id of ['lc-stays', 'lc-leaves']) {
      expect(closed.statements.find((s: any) => s.repId === id)).toMatchObject({ drawPaid: '10000.00', unrecoveredDrawBalance: '10000.00', totalPayout: '10000.00' });
    }
    expect(await updatesTo('lc-stays')).toEqual(['createRep', 'proposeAdjustment']);
    expect(await updatesTo('lc-leaves')).toEqual(['createRep']);
    // The rep's row (what GET /reps reads) moved with the statement.
    expect(await h.ok('GET', '/reps/lc-stays', admin)).toMatchObject({ unrecoveredDrawBalance: '10000.00', status: 'ACTIVE' });
    // The proposal left pending expired with the statement, although the rep workflow still lists it as pending: the
    // ledger refuses the decision.
    expect((await h.ok('GET', `/adjustments/${pending.id}`, admin)).status).toBe('EXPIRED');
    expectProblem(await h.http('POST', `/adjustments/${pending.id}/approve`, { as: admin2, body: {} }), 409, 'ADJUSTMENT_NOT_PENDING');
    // The rep workflow was not told of the close, yet its own check refuses a departure dated in the closed quarter
    // (its message, not the ledger's): the API sent the ledger's last closed period with the command.
    const late = await h.http('POST', '/reps/lc-stays/departure', { as: hr, body: { effectiveDate: '2027-03-15', goodStanding: true, reassignments: [] } });
    expectProblem(late, 409, 'PERIOD_CLOSED');
    expect(late.body.detail).toBe('2027-Q1 is already closed for lc-stays');
    expect(await h.ok('GET', '/reps/lc-stays', admin)).toMatchObject({ status: 'ACTIVE' });
  }, 120_000);

  it('counts a batch already written as closed and writes nothing twice (a retried activity)', async () => {
    const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    const compute = (input: RepPeriodInput) => statementOrDataError(() => closeRepPeriod(input));
    const again = await new LedgerCloseRepository(h.dataSource).closeBatch('2027-Q1', ['lc-leaves', 'lc-stays', 'lc-nobody'], compute);
    expect(again).toEqual({ closed: 2, failures: [], deferred: ['lc-nobody'] });
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries`)).toEqual(before);
  }, 60_000);

  it('closes a departed rep through its workflow, which carries the balance the ledger wrote', async () => {
    await h.ok('POST', '/reps/lc-leaves/departure', hr, { effectiveDate: '2027-05-15', goodStanding: true, reassignments: [] }, [202]);
    const closed = await h.ok('POST', '/periods/2027-Q2/close', finance, undefined, [200]);
    // docs/rules.md: good standing under FORGIVE, D = 0 in the departure quarter; the balance B = 10,000.00 the
    // ledger's Q1 statement left is written off (a workflow that had not caught up would have written off nothing).
    expect(closed.statements.find((s: any) => s.repId === 'lc-leaves')).toMatchObject({ drawPaid: '0.00', drawWrittenOff: '10000.00', unrecoveredDrawBalance: '0.00' });
    expect(closed.statements.find((s: any) => s.repId === 'lc-stays')).toMatchObject({ drawPaid: '10000.00', unrecoveredDrawBalance: '20000.00' });
    expect(await updatesTo('lc-leaves')).toEqual(['createRep', 'departure', 'closePeriod']);
    expect(await updatesTo('lc-stays')).toEqual(['createRep', 'proposeAdjustment']);
    expect(await h.client.workflow.getHandle(repWorkflowId('lc-leaves')).query(repStateQuery)).toMatchObject({ nextPeriod: '2027-Q3', balance: '0.00', status: 'DEPARTED' });
  }, 120_000);
});
