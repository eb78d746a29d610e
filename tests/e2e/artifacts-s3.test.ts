import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { download, sha256, tinyPdf, tinyPng, upload } from '../support/evidence-files';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 11 item 6 with ARTIFACT_STORE=s3: the evidence bytes go to an S3-compatible bucket (moto's server, from PyPI,
 * installed by infra/moto.sh and started here), the record with its hash stays in PostgreSQL, and a download streams
 * the object back. A bucket that cannot be reached is the server's trouble (503), and nothing is recorded.
 */
const MOTO_SERVER = process.env.TEST_MOTO_SERVER ?? `${process.env.HOME ?? '/root'}/.cache/tranche/moto-venv/bin/moto_server`;
const BUCKET = 'tranche-evidence';
const CREDENTIALS = { accessKeyId: 'tranche-test', secretAccessKey: 'tranche-test-secret' };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startMoto(port: number): Promise<ChildProcess> {
  if (!existsSync(MOTO_SERVER)) throw new Error(`no moto_server at ${MOTO_SERVER}: run \`bash infra/moto.sh\` (npm test does)`);
  const child = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) return child;
    if (Date.now() > deadline) throw new Error('moto_server did not answer within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('evidence files in S3-compatible storage (ARTIFACT_STORE=s3)', () => {
  let h: Harness;
  let moto: ChildProcess | undefined;
  let s3: S3Client;
  const { desk } = DEAL_BOOK_ACTORS;
  const rep = 's3-ae:rep';
  const { createDeal } = dealKit(() => h);

  beforeAll(async () => {
    const port = await freePort();
    moto = await startMoto(port);
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    h = await startHarness(__filename, {
      ARTIFACT_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    });
    await seedBook(h, ['s3-ae']);
    await createDeal('S3-1', { owner: 's3-ae' });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    s3?.destroy();
    if (moto && moto.exitCode === null) moto.kill('SIGTERM');
  }, 60_000);

  it('puts the bytes in the bucket under artifacts/<id>, the record with its hash in PostgreSQL, and serves the object back identical', async () => {
    for (const [filename, bytes, type] of [['award.pdf', tinyPdf('S3 award letter'), 'application/pdf'], ['photo.png', tinyPng(5, 3), 'image/png']] as const) {
      const up = await upload(h, 'S3-1', rep, [{ filename, bytes }]);
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ sha256: sha256(bytes), contentType: type, size: bytes.length, filename });

      const [row] = await h.dataSource.query('SELECT storage, sha256, content FROM artifacts WHERE id = $1', [up.body.id]);
      expect(row).toEqual({ storage: 's3', sha256: sha256(bytes), content: null });
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `artifacts/${up.body.id}` }));
      expect(object.ContentType).toBe(type);
      expect(Buffer.compare(Buffer.from(await object.Body!.transformToByteArray()), bytes)).toBe(0);

      const res = await download(h, `/deals/S3-1/artifacts/${up.body.id}`, desk);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.bytes, bytes)).toBe(0);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    }
    // The submission names the S3-kept artifact exactly as a PostgreSQL-kept one.
    const file = (await upload(h, 'S3-1', rep, [{ filename: 'loi.pdf', bytes: tinyPdf('LOI') }])).body;
    const submitted = await h.http('POST', '/deals/S3-1/artifacts', { as: rep, body: { gate: 'G1', documentType: 'LOI', artifactId: file.id, effectiveDate: '2027-04-01' } });
    expect(submitted.status).toBe(202);
    const [item] = await h.ok('GET', '/approvals?dealId=S3-1', desk);
    expect(item.artifact).toEqual({ id: file.id, sha256: file.sha256, contentType: 'application/pdf', size: file.size, filename: 'loi.pdf' });
  });

  it('an object missing from the bucket, or a bucket that cannot be reached, is a problem the server owns, never the bytes of another file', async () => {
    const kept = (await upload(h, 'S3-1', rep, [{ filename: 'kept.pdf', bytes: tinyPdf('kept') }])).body;
    await h.dataSource.query(`UPDATE artifacts SET id = '00000000-0000-4000-8000-0000000000aa' WHERE id = $1`, [kept.id]);
    // The record now points at an object that was never written.
    expectProblem(await download(h, '/deals/S3-1/artifacts/00000000-0000-4000-8000-0000000000aa', desk), 500, 'INTERNAL');

    moto!.kill('SIGTERM');
    await new Promise((resolve) => moto!.once('exit', resolve));
    const [{ n: before }] = await h.dataSource.query('SELECT count(*)::int AS n FROM artifacts');
    const refused = await upload(h, 'S3-1', rep, [{ filename: 'late.pdf', bytes: tinyPdf('late') }]);
    expectProblem(refused, 503, 'SERVICE_UNAVAILABLE');
    const [{ n: after }] = await h.dataSource.query('SELECT count(*)::int AS n FROM artifacts');
    expect(after).toBe(before);
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'artifacts/x' }))).rejects.toThrow();
  }, 60_000);
});
