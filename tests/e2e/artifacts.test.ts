import { defaultPayloadConverter } from '@temporalio/common';
import { dealWorkflowId } from '../../libs/contracts';
import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { download, pdfOfSize, sha256, tinyPdf, tinyPng, upload } from '../support/evidence-files';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 11 item 6, evidence the desk can open, on the real stack (API, worker, Temporal dev server, PostgreSQL):
 * a PDF or image uploaded to a deal (type read from its bytes, size-limited, kept with its SHA-256 in PostgreSQL),
 * named by a submission whose workflow history then holds the hash, shown in the queue and on the deal, and served
 * back byte for byte to those who may read it.
 */
describe('evidence files (issue 11 item 6)', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  const rep = 'ev-ae:rep';
  const { ok, createDeal, approved, tableCounts } = dealKit(() => h);
  const artifactCount = async () => Number((await h.dataSource.query('SELECT count(*)::int AS n FROM artifacts'))[0].n);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['ev-other']);
    for (const [id, managerId] of [['ev-ae', 'ev-mgr'], ['ev-sl', 'ev-mgr']]) {
      await h.ok('POST', '/reps', admin, { id, name: `Rep ${id}`, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027', managerId }, [201]);
    }
    await createDeal('EV-1', { owner: 'ev-ae', splits: [{ repId: 'ev-ae', role: 'AE', share: '0.80' }, { repId: 'ev-sl', role: 'SCIENTIFIC_LIAISON', share: '0.20' }] });
    await createDeal('EV-2', { owner: 'ev-other' });
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('keeps an uploaded PDF and PNG with the SHA-256 of their bytes, and serves them back identical, inline, with the hash as ETag and Digest', async () => {
    const pdf = tinyPdf('Award letter EV-1');
    const png = tinyPng(3, 2);
    // The client's Content-Type is not believed: the PDF is sent claiming to be a PNG, the PNG as octet-stream.
    const up = await upload(h, 'EV-1', rep, [{ filename: 'award letter ü.pdf', bytes: pdf, contentType: 'image/png' }]);
    expect(up.status).toBe(201);
    expect(up.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sha256: sha256(pdf),
      contentType: 'application/pdf',
      size: pdf.length,
      filename: 'award letter ü.pdf',
      uploadedBy: 'ev-ae',
      uploadedAt: expect.any(String),
    });
    const image = await upload(h, 'EV-1', rep, [{ filename: 'site-photo.png', bytes: png }]);
    expect(image.status).toBe(201);
    expect(image.body).toMatchObject({ sha256: sha256(png), contentType: 'image/png', size: png.length, filename: 'site-photo.png' });

    const [row] = await h.dataSource.query('SELECT deal_id, storage, sha256, content FROM artifacts WHERE id = $1', [up.body.id]);
    expect(row).toMatchObject({ deal_id: 'EV-1', storage: 'postgres', sha256: sha256(pdf) });
    expect(Buffer.compare(row.content, pdf)).toBe(0);

    for (const [file, bytes, type] of [[up.body, pdf, 'application/pdf'], [image.body, png, 'image/png']] as const) {
      const res = await download(h, `/deals/EV-1/artifacts/${file.id}`, desk);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.bytes, bytes)).toBe(0);
      expect(sha256(res.bytes)).toBe(file.sha256);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-length')).toBe(String(bytes.length));
      expect(res.headers.get('etag')).toBe(`"${file.sha256}"`);
      expect(res.headers.get('digest')).toBe(`sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="/);
      const again = await download(h, `/deals/EV-1/artifacts/${file.id}`, desk, { 'if-none-match': `"${file.sha256}"` });
      expect(again.status).toBe(304);
      expect(again.bytes.length).toBe(0);
    }
    expect((await download(h, `/deals/EV-1/artifacts/${up.body.id}`, desk)).headers.get('content-disposition')).toBe(
      `inline; filename="award letter _.pdf"; filename*=UTF-8''award%20letter%20%C3%BC.pdf`,
    );
  });

  it('reads the type from the content: a text file named .pdf is 415, an unknown part or no file 400, over ARTIFACT_MAX_BYTES 413; nothing is stored', async () => {
    const before = await artifactCount();
    const text = Buffer.from('This is not a PDF, whatever its name says.\n');
    const renamed = await upload(h, 'EV-1', rep, [{ filename: 'award.pdf', bytes: text, contentType: 'application/pdf' }]);
    expectProblem(renamed, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(renamed.body.errors).toEqual([{ path: 'file', message: 'must be a PDF, PNG, JPEG or WebP file' }]);
    expectProblem(await upload(h, 'EV-1', rep, [{ filename: 'page.html', bytes: Buffer.from('<html><script>alert(1)</script></html>') }]), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await upload(h, 'EV-1', rep, [{ field: 'document', filename: 'a.pdf', bytes: tinyPdf('x') }]), 400, 'VALIDATION_FAILED');
    expectProblem(await upload(h, 'EV-1', rep, []), 400, 'VALIDATION_FAILED');
    expectProblem(await upload(h, 'EV-1', rep, [{ filename: 'a.pdf', bytes: tinyPdf('a') }, { filename: 'b.pdf', bytes: tinyPdf('b') }]), 400, 'VALIDATION_FAILED');
    expectProblem(await upload(h, 'EV-1', rep, [{ filename: 'empty.pdf', bytes: Buffer.alloc(0) }]), 400, 'VALIDATION_FAILED');
    const malformed = await h.api.request('POST', '/deals/EV-1/artifacts', rep, { raw: 'no parts here', contentType: 'multipart/form-data; boundary=xyz' });
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    // Another multipart route is still refused: only the upload takes multipart.
    expectProblem(await h.api.request('POST', '/deals/EV-1/bonus-events', rep, { raw: 'x', contentType: 'multipart/form-data; boundary=xyz' }), 415, 'UNSUPPORTED_MEDIA_TYPE');

    const limit = 10 * 1024 * 1024; // ARTIFACT_MAX_BYTES' default
    const over = await upload(h, 'EV-1', rep, [{ filename: 'big.pdf', bytes: pdfOfSize(limit + 1) }]);
    expectProblem(over, 413, 'PAYLOAD_TOO_LARGE');
    expect(over.body.detail).toMatch(String(limit));
    expect(await artifactCount()).toBe(before);

    const atLimit = pdfOfSize(limit);
    const largest = await upload(h, 'EV-1', rep, [{ filename: 'big.pdf', bytes: atLimit }]);
    expect(largest.status).toBe(201);
    expect(largest.body).toMatchObject({ size: limit, sha256: sha256(atLimit) });
    expect(await artifactCount()).toBe(before + 1);
  }, 60_000);

  it('uploads are for those who may submit evidence on the deal; the file is read by the desk, finance, comp admins, managers in scope and its uploader', async () => {
    const pdf = tinyPdf('roles');
    const before = await artifactCount();
    expectProblem(await upload(h, 'EV-1', undefined, [{ filename: 'a.pdf', bytes: pdf }]), 401, 'UNAUTHENTICATED');
    for (const as of [desk, finance, 'ev-hr:hr']) expectProblem(await upload(h, 'EV-1', as, [{ filename: 'a.pdf', bytes: pdf }]), 403, 'FORBIDDEN');
    expectProblem(await upload(h, 'EV-1', 'ev-other:rep', [{ filename: 'a.pdf', bytes: pdf }]), 404, 'NOT_FOUND'); // not on the deal
    expectProblem(await upload(h, 'EV-1', 'other-mgr:manager', [{ filename: 'a.pdf', bytes: pdf }]), 404, 'NOT_FOUND'); // not their team
    expectProblem(await upload(h, 'EV-NONE', admin, [{ filename: 'a.pdf', bytes: pdf }]), 404, 'NOT_FOUND');
    expect(await artifactCount()).toBe(before);

    const byManager = await upload(h, 'EV-1', 'ev-mgr:manager', [{ filename: 'mgr.pdf', bytes: pdf }]);
    expect(byManager.status).toBe(201);
    const byRep = await upload(h, 'EV-1', rep, [{ filename: 'rep.pdf', bytes: pdf }]);
    expect(byRep.status).toBe(201);
    expect(byRep.body.uploadedBy).toBe('ev-ae');

    const path = `/deals/EV-1/artifacts/${byRep.body.id}`;
    for (const as of [desk, finance, admin, 'ev-mgr:manager', rep]) {
      const res = await download(h, path, as);
      expect({ as, status: res.status }).toEqual({ as, status: 200 });
      expect(Buffer.compare(res.bytes, pdf)).toBe(0);
    }
    expect((await download(h, path, undefined)).status).toBe(401);
    const refusals: Array<[string, number, string]> = [
      ['ev-hr:hr', 403, 'FORBIDDEN'], // reads deals, but evidence files are not HR's
      ['ev-sl:rep', 403, 'FORBIDDEN'], // on the deal, but a rep opens only their own uploads
      ['ev-other:rep', 404, 'NOT_FOUND'], // not on the deal
      ['other-mgr:manager', 404, 'NOT_FOUND'], // not their team's deal
    ];
    for (const [as, status, code] of refusals) expectProblem(await download(h, path, as), status, code);
    expectProblem(await download(h, `/deals/EV-1/artifacts/${byManager.body.id}`, rep), 403, 'FORBIDDEN');
    // An artifact exists only on its own deal; an unknown or malformed id is no artifact either.
    expectProblem(await download(h, `/deals/EV-2/artifacts/${byRep.body.id}`, desk), 404, 'NOT_FOUND');
    expectProblem(await download(h, '/deals/EV-1/artifacts/00000000-0000-4000-8000-000000000000', desk), 404, 'NOT_FOUND');
    expectProblem(await download(h, '/deals/EV-1/artifacts/not-a-uuid', desk), 404, 'NOT_FOUND');
  });

  it('a repeated upload with the same Idempotency-Key returns the first artifact; the same key with another file is 409', async () => {
    const pdf = tinyPdf('idempotent');
    const headers = { 'Idempotency-Key': 'ev-upload-1' };
    const first = await upload(h, 'EV-1', rep, [{ filename: 'i.pdf', bytes: pdf }], headers);
    expect(first.status).toBe(201);
    const count = await artifactCount();
    const again = await upload(h, 'EV-1', rep, [{ filename: 'i.pdf', bytes: pdf }], headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expectProblem(await upload(h, 'EV-1', rep, [{ filename: 'i.pdf', bytes: tinyPdf('another document') }], headers), 409, 'CONFLICT');
    expect(await artifactCount()).toBe(count);
  });

  it('a gate submission names the artifact: the hash enters the workflow history with it, the queue and the deal show it, and approval keeps it', async () => {
    const pdf = tinyPdf('LOI EV-1 G1, signed');
    const file = (await upload(h, 'EV-1', rep, [{ filename: 'loi.pdf', bytes: pdf }])).body;
    const evidence = { id: file.id, sha256: sha256(pdf), contentType: 'application/pdf', size: pdf.length, filename: 'loi.pdf' };

    // Another deal's artifact, an unknown one, a malformed id, and no evidence at all: refused, nothing submitted.
    const other = (await upload(h, 'EV-2', 'ev-other:rep', [{ filename: 'x.pdf', bytes: tinyPdf('EV-2') }])).body;
    const before = await tableCounts();
    const submit = (body: Record<string, unknown>) => h.http('POST', '/deals/EV-1/artifacts', { as: rep, body: { gate: 'G1', documentType: 'LOI', effectiveDate: '2027-04-01', ...body } });
    const foreign = await submit({ artifactId: other.id });
    expectProblem(foreign, 422, 'UNKNOWN_ARTIFACT');
    expect(foreign.body.errors).toEqual([{ path: 'artifactId', message: `no artifact ${other.id} on deal EV-1` }]);
    expectProblem(await submit({ artifactId: '00000000-0000-4000-8000-000000000000' }), 422, 'UNKNOWN_ARTIFACT');
    expectProblem(await submit({ artifactId: 'loi.pdf' }), 400, 'VALIDATION_FAILED');
    const nothing = await submit({});
    expectProblem(nothing, 400, 'VALIDATION_FAILED');
    expect(nothing.body.errors).toEqual([{ path: 'documentRef', message: expect.stringMatching(/documentRef .*artifactId/) }]);
    expect(await tableCounts()).toEqual(before);
    expect((await ok('GET', '/deals/EV-1', rep)).gates[0].status).toBe('OPEN');

    const res = await submit({ artifactId: file.id });
    expect(res.status).toBe(202);
    const approvalId = res.body.approvalId;

    // The submission in Temporal's history carries the artifact and its SHA-256.
    const history = await h.client.workflow.getHandle(dealWorkflowId('EV-1')).fetchHistory();
    const submissions = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .filter((input) => input?.name === 'submitArtifact')
      .map((input) => defaultPayloadConverter.fromPayload<any>(input!.args!.payloads![0]));
    expect(submissions).toEqual([expect.objectContaining({ gate: 'G1', documentType: 'LOI', artifact: evidence, documentRef: `/deals/EV-1/artifacts/${file.id}` })]);

    const deal = await ok('GET', '/deals/EV-1', rep);
    expect(deal.pending).toEqual([expect.objectContaining({ approvalId, gate: 'G1', artifact: evidence, documentRef: `/deals/EV-1/artifacts/${file.id}` })]);
    const queue = await ok('GET', '/approvals?status=PENDING&dealId=EV-1', desk);
    expect(queue).toEqual([expect.objectContaining({ approvalId, artifact: evidence })]);
    const timeline = await ok('GET', '/deals/EV-1/history', admin);
    expect(timeline.find((e: any) => e.type === 'ARTIFACT_SUBMITTED').details.request.artifact).toEqual(evidence);

    await approved(approvalId);
    const decided = await ok('GET', '/approvals?status=APPROVED&dealId=EV-1', desk);
    expect(decided).toEqual([expect.objectContaining({ approvalId, status: 'APPROVED', artifact: evidence })]);
    // What was approved is what the desk opens: the same bytes, the same hash.
    const opened = await download(h, `/deals/EV-1/artifacts/${file.id}`, desk);
    expect(sha256(opened.bytes)).toBe(evidence.sha256);
  });

  it('a bonus event names an artifact beside its evidenceRef; a plain reference to a document kept elsewhere stays possible', async () => {
    const png = tinyPng(4, 4, [200, 30, 30]);
    const file = (await upload(h, 'EV-1', rep, [{ filename: 'irb.png', bytes: png }])).body;
    const withBoth = await h.http('POST', '/deals/EV-1/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'DMS-4411', artifactId: file.id, effectiveDate: '2027-05-02' } });
    expect(withBoth.status).toBe(202);
    const plain = await h.http('POST', '/deals/EV-1/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', quantity: 3, evidenceRef: 'DMS-4412', effectiveDate: '2027-05-03' } });
    expect(plain.status).toBe(202);
    expectProblem(await h.http('POST', '/deals/EV-1/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', quantity: 3, effectiveDate: '2027-05-03' } }), 400, 'VALIDATION_FAILED');

    const queue = await ok('GET', '/approvals?status=PENDING&dealId=EV-1', desk);
    const byId = new Map(queue.map((q: any) => [q.approvalId, q]));
    expect(byId.get(withBoth.body.approvalId)).toMatchObject({
      kind: 'BONUS',
      documentRef: 'DMS-4411',
      artifact: { id: file.id, sha256: sha256(png), contentType: 'image/png', size: png.length, filename: 'irb.png' },
    });
    expect(byId.get(plain.body.approvalId)).toMatchObject({ kind: 'BONUS', documentRef: 'DMS-4412' });
    expect(byId.get(plain.body.approvalId)).not.toHaveProperty('artifact');
    const history = await h.client.workflow.getHandle(dealWorkflowId('EV-1')).fetchHistory();
    const bonusArgs = (history.events ?? [])
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .filter((input) => input?.name === 'submitBonusEvent')
      .map((input) => defaultPayloadConverter.fromPayload<any>(input!.args!.payloads![0]));
    expect(bonusArgs.map((a) => a.artifact?.sha256 ?? null)).toEqual([sha256(png), null]);
  });
});
