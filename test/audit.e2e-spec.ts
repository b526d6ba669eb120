import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { chainHash, checkpointSigningBytes, contentHash, leafHash, recordLeaf, verifyConsistency, verifyInclusion } from '@sealpost/audit-chain';
import { createEvent, TOPICS } from '@sealpost/contracts';
import { generateSigningKeyPair, publicKeyFromPem, signEd25519, verifyEd25519 } from '@sealpost/crypto';
import { projectRoot } from '@sealpost/infra';
import { dropSealpostDatabases, kafkaClient, Suite, testInfra, testKafka, waitFor } from '@sealpost/testing';

const run = promisify(execFile);

interface CheckpointView {
  seq: number;
  head_hash: string;
  merkle_root: string;
  signed_at: string;
  signature: string;
  public_key: string;
}

interface ProofView {
  leaf_index: number;
  tree_size: number;
  proof: string[];
  checkpoint: CheckpointView;
}

interface RecordView {
  seq: number;
  hash: string;
  content_hash?: string;
  prev_hash: string;
  eventId: string;
  type: string;
  correlationId: string;
}

/** The whole log, page by page (1000 a page, the API's maximum). */
async function allPages<T extends { seq: number }>(suite: Suite, query = ''): Promise<T[]> {
  const out: T[] = [];
  for (let after = 0; ; ) {
    const page = (await (await suite.admin('audit', `/admin/audit/events?limit=1000&after_seq=${after}${query}`)).json()) as T[];
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1].seq;
  }
}

/** The audit log on real Kafka and the real store: chain, checkpoints, proofs, tampering. */
describe('audit: a tamper-evident trail anyone can verify', () => {
  let suite: Suite;
  let db: mongoose.Connection;

  // every page: suites share the audit log, and others (the chaos run) may have filled it
  const events = (query = ''): Promise<RecordView[]> => allPages<RecordView>(suite, query);
  const verify = async () => (await suite.admin('audit', '/admin/audit/verify')).json();
  const produceAudit = async (event: object) => {
    const producer = kafkaClient(testKafka()).producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.auditEvents, messages: [{ key: 'test', value: JSON.stringify(event) }] });
    await producer.disconnect();
  };
  const verifier = (token: string, ...extra: string[]) =>
    run(process.execPath, ['-r', join(projectRoot(), 'infra', 'register-aliases.js'), join(projectRoot(), 'dist', 'tools', 'audit-verify', 'main.js'), '--url', suite.url('audit'), '--admin-token', token, ...extra]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  const signingKeyFile = () => join(suite.dataDir, 'audit-signing.key');
  const readiness = async () => {
    const res = await fetch(`${suite.url('audit')}/health/ready`);
    return { status: res.status, body: (await res.json()) as object };
  };

  beforeAll(async () => {
    // a log of its own: the tamper cases rewrite it, and what the load suites left (tens of thousands of
    // events the signer reads at start) would only make this suite slow
    await dropSealpostDatabases(testInfra().mongoUrl);
    suite = await Suite.start({ services: ['audit'], env: { SEALPOST_AUDIT_CHECKPOINT_EVERY: '5', SEALPOST_AUDIT_CHECKPOINT_INTERVAL: 'PT1S' } });
    db = await mongoose.createConnection(testInfra().mongoUrl, { dbName: 'sealpost_audit' }).asPromise();
    for (let i = 0; i < 12; i++) {
      await produceAudit(createEvent('test.action', { service: 'keys', actor: 'admin', action: 'test', target: `t${i}`, outcome: 'success' }, { correlationId: `corr-${i}` }));
    }
    await waitFor('12 test events in the log', async () => (await events('&type=test.action')).length === 12, 30000);
    // not the head of the log: every admin read (these polls too) is audited and moves the head
    const newest = Math.max(...(await events('&type=test.action')).map((e) => e.seq));
    await waitFor('a checkpoint covering them', async () => {
      const res = await suite.admin('audit', '/admin/audit/checkpoints/latest');
      return res.status === 200 && ((await res.json()) as { seq: number }).seq >= newest;
    }, 30000);
  });

  afterAll(async () => {
    await db?.close();
    await suite?.stop();
  });

  it('keeps events in seq order with their chain fields and filters by type', async () => {
    const all = await events();
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.slice(1).every((e, i) => e.prev_hash === all[i].hash)).toBe(true);
    const page = (await (await suite.admin('audit', '/admin/audit/events?after_seq=2&type=test.action&limit=1000')).json()) as RecordView[];
    expect(page.every((e) => e.seq > 2 && e.type === 'test.action')).toBe(true);
  });

  it('verifies an untouched log, by the API and by the standalone verifier', async () => {
    const seen = (await events()).length;
    const verdict = (await verify()) as { valid: boolean; length: number };
    expect(verdict.valid).toBe(true);
    // other suites' services keep adding events, so the log can only have grown
    expect(verdict.length).toBeGreaterThanOrEqual(seen);
    const result = await verifier(suite.adminToken);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/VALID/);
  });

  it('publishes checkpoints signed by the key in its signing key file, and a forged one fails', async () => {
    const checkpoint = (await (await suite.admin('audit', '/admin/audit/checkpoints/latest')).json()) as CheckpointView;
    expect(checkpoint.public_key).toBe(publicKeyFromPem(readFileSync(signingKeyFile(), 'utf8')));
    expect(verifyEd25519(checkpoint.public_key, checkpointSigningBytes(checkpoint), checkpoint.signature)).toBe(true);
    const forged = { ...checkpoint, head_hash: 'f'.repeat(64) };
    expect(verifyEd25519(checkpoint.public_key, checkpointSigningBytes(forged), checkpoint.signature)).toBe(false);
  });

  it('verifies checkpoints with the pinned key, never the key a stored checkpoint names', async () => {
    // the oldest checkpoint: the signer keeps adding new ones, never touches it
    const oldest = (await db.collection<CheckpointView>('checkpoints').find().sort({ seq: 1 }).limit(1).toArray())[0]!;
    const attacker = generateSigningKeyPair();
    const resigned = { public_key: attacker.publicKey, signature: signEd25519(attacker.privateKeyPem, checkpointSigningBytes(oldest)) };
    await db.collection('checkpoints').updateOne({ seq: oldest.seq }, { $set: resigned });
    try {
      expect(await verify()).toMatchObject({ valid: false, first_invalid_seq: 1, reason: `checkpoint at seq ${oldest.seq}: not signed by the pinned key` });
    } finally {
      await db.collection('checkpoints').updateOne({ seq: oldest.seq }, { $set: { public_key: oldest.public_key, signature: oldest.signature } });
    }
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('the standalone verifier pins the key given as --public-key, as a key or as the signing key file', async () => {
    const byFile = await verifier(suite.adminToken, '--public-key', signingKeyFile());
    expect(byFile).toMatchObject({ code: 0, out: expect.stringMatching(/VALID: .*key pinned/) });
    // `=`: a base64url key may start with a dash, which parseArgs would otherwise take for an option (1 run in 64)
    const byOtherKey = await verifier(suite.adminToken, `--public-key=${generateSigningKeyPair().publicKey}`);
    expect(byOtherKey.code).toBe(1);
    expect(byOtherKey.out).toMatch(/not signed by the pinned key/);
  });

  it('serves RFC 9162 consistency proofs between checkpoints, which verify against their signed roots', async () => {
    const all = await db.collection<CheckpointView>('checkpoints').find().sort({ seq: 1 }).toArray();
    const [oldest, latest] = [all[0]!, all[all.length - 1]!];
    const res = await suite.admin('audit', `/admin/audit/consistency?first=${oldest.seq}&second=${latest.seq}`);
    expect(res.status).toBe(200);
    const { proof } = (await res.json()) as { proof: string[] };
    const root = (c: CheckpointView) => Buffer.from(c.merkle_root, 'hex');
    expect(verifyConsistency(oldest.seq, latest.seq, root(oldest), root(latest), proof.map((h) => Buffer.from(h, 'hex')))).toBe(true);
    expect(verifyConsistency(oldest.seq, latest.seq, Buffer.alloc(32, 1), root(latest), proof.map((h) => Buffer.from(h, 'hex')))).toBe(false);
    const beyond = await suite.admin('audit', `/admin/audit/consistency?first=${latest.seq}&second=${oldest.seq}`);
    expect(beyond.status).toBe(400);
    expect(((await beyond.json()) as { error: { error_data: { details: string } } }).error.error_data.details).toMatch(/1 <= first <= second/);
    expect((await fetch(`${suite.url('audit')}/admin/audit/consistency?first=1&second=2`)).status).toBe(401);
  });

  it('the standalone verifier holds the log against the checkpoint it saw on its last run', async () => {
    const remembered = join(suite.dataDir, 'verifier-checkpoint.json');
    const pinned = ['--public-key', signingKeyFile(), '--checkpoint-file', remembered];
    expect(await verifier(suite.adminToken, ...pinned)).toMatchObject({ code: 0 });
    const seen = JSON.parse(readFileSync(remembered, 'utf8')) as CheckpointView;
    await waitFor('a newer checkpoint', async () => ((await (await suite.admin('audit', '/admin/audit/checkpoints/latest')).json()) as CheckpointView).seq > seen.seq, 30000);
    const again = await verifier(suite.adminToken, ...pinned);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`"from_seq": ${seen.seq},[^}]*"valid": true`));
    // a checkpoint from another history, validly signed (a fooled or compromised signer): the log no longer extends it
    const other = { ...seen, merkle_root: 'ab'.repeat(32) };
    writeFileSync(remembered, JSON.stringify({ ...other, signature: signEd25519(readFileSync(signingKeyFile(), 'utf8'), checkpointSigningBytes(other)) }));
    const forked = await verifier(suite.adminToken, ...pinned);
    expect(forked.code).toBe(1);
    expect(forked.out).toMatch(/does not extend the one seen before .*history was rewritten/);
  });

  it('refuses to sign, raises an alarm and turns not ready when the checkpoints it signed are deleted', async () => {
    // deleted again until the signer notices: a checkpoint it was signing while a delete ran is stored after it,
    // and is then the last it signed, present and extended by the log (nothing to refuse yet)
    const saved: mongoose.mongo.Document[] = [];
    await waitFor('the audit service to report itself not ready', async () => {
      const present = await db.collection('checkpoints').find().toArray();
      saved.push(...present);
      await db.collection('checkpoints').deleteMany({ _id: { $in: present.map((c) => c._id) } });
      return ((await readiness()).body as { error?: Record<string, unknown> }).error?.['audit-log'] !== undefined;
    }, 30000);
    expect((await readiness()).status).toBe(503);
    expect((await readiness()).body).toMatchObject({ error: { 'audit-log': { status: 'down', message: expect.stringMatching(/checkpoints refused: checkpoint \d+, the last this service signed, is gone/) } } });
    await waitFor('the tampering alarm in the log', async () => (await events('&type=audit.tamper_detected')).length > 0, 30000);
    expect(await verify()).toMatchObject({ valid: false, first_invalid_seq: 1, reason: expect.stringMatching(/refuses to sign/) });
    expect(await db.collection('checkpoints').countDocuments()).toBe(0);
    // put back, the signer finds what it signed and goes on after a restart
    await db.collection('checkpoints').insertMany(saved);
    await suite.restart('audit');
    await waitFor('the log to verify again', async () => ((await verify()) as { valid: boolean }).valid, 30000);
  });

  it('proves one event is in the log with a Merkle inclusion proof, and an altered event fails', async () => {
    const target = (await events('&type=test.action'))[3];
    const proof = (await (await suite.admin('audit', `/admin/audit/events/${target.seq}/proof`)).json()) as ProofView;
    const root = Buffer.from(proof.checkpoint.merkle_root, 'hex');
    const path = proof.proof.map((h) => Buffer.from(h, 'hex'));
    expect(verifyInclusion(recordLeaf(target), proof.leaf_index, proof.tree_size, path, root)).toBe(true);
    const altered = leafHash(Buffer.from('0'.repeat(64), 'hex'));
    expect(verifyInclusion(altered, proof.leaf_index, proof.tree_size, path, root)).toBe(false);
  });

  it('ignores a redelivered event (same eventId) and survives a restart mid-stream without duplicates', async () => {
    const event = createEvent('test.redelivered', { service: 'keys', actor: 'admin', action: 'test', target: 'x', outcome: 'success' });
    await produceAudit(event);
    await produceAudit(event);
    const burst = Array.from({ length: 20 }, (_, i) => createEvent('test.burst', { service: 'keys', actor: 'admin', action: 'burst', target: `b${i}`, outcome: 'success' }));
    const producing = (async () => {
      for (const e of burst) await produceAudit(e);
    })();
    await suite.service('audit').stop('SIGKILL');
    suite.service('audit').start();
    await producing;
    await suite.service('audit').waitReady();
    await waitFor('the burst in the log', async () => (await events('&type=test.burst')).length >= 20, 60000);
    const all = await events();
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    expect(all.filter((e) => e.eventId === event.eventId)).toHaveLength(1);
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('says invalid, naming the altered event, when a stored field is changed', async () => {
    const victim = (await events('&type=test.action'))[5];
    await db.collection('audit_records').updateOne({ seq: victim.seq }, { $set: { 'event.payload.target': 'rewritten' } });
    try {
      expect(await verify()).toMatchObject({ valid: false, first_invalid_seq: victim.seq });
      const result = await verifier(suite.adminToken);
      expect(result.code).toBe(1);
      expect(result.out).toMatch(new RegExp(`INVALID from seq ${victim.seq}`));
    } finally {
      await db.collection('audit_records').updateOne({ seq: victim.seq }, { $set: { 'event.payload.target': 't5' } });
    }
    expect(await verify()).toMatchObject({ valid: true });
  });

  it('says invalid when the newest events are cut off behind a signed checkpoint', async () => {
    const checkpoint = (await (await suite.admin('audit', '/admin/audit/checkpoints/latest')).json()) as CheckpointView;
    const last = await db.collection('audit_records').findOne({ seq: checkpoint.seq });
    await db.collection('audit_records').deleteOne({ seq: checkpoint.seq });
    try {
      expect(await verify()).toMatchObject({ valid: false, first_invalid_seq: checkpoint.seq });
    } finally {
      await db.collection('audit_records').insertOne(last!);
    }
  });

  // last in this suite: it leaves the log rewritten
  it('refuses, after a restart, to sign a history rewritten and re-chained behind its back', async () => {
    const victim = (await events('&type=test.action'))[2]!;
    await suite.service('audit').stop();
    const records = db.collection<{ seq: number; prev_hash: string; hash: string; event: Record<string, unknown> }>('audit_records');
    let prev = (await records.findOne({ seq: victim.seq }))!.prev_hash;
    for await (const record of records.find({ seq: { $gte: victim.seq } }).sort({ seq: 1 })) {
      const event = record.seq === victim.seq ? { ...record.event, payload: { ...(record.event.payload as object), target: 'rewritten' } } : record.event;
      const hash = chainHash(prev, event);
      await records.updateOne({ seq: record.seq }, { $set: { event, prev_hash: prev, hash, content_hash: contentHash(event) } });
      prev = hash;
    }
    suite.service('audit').start();
    // 503 also while Kafka connects at start: wait for the log's own indicator
    const logDown = async () => ((await readiness().catch(() => ({ body: {} }))).body as { error?: Record<string, unknown> }).error?.['audit-log'] !== undefined;
    await waitFor('the audit service to refuse the rewritten log', logDown, 60000);
    expect((await readiness()).body).toMatchObject({ error: { 'audit-log': { status: 'down', message: expect.stringMatching(/history rewritten/) } } });
    expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/refuses to sign/) });
    await waitFor('the tampering alarm in the log', async () => (await events('&type=audit.tamper_detected')).some((e) => (e as RecordView & { payload: { detail: { finding: string } } }).payload.detail.finding.includes('history rewritten')), 30000);
    expect(suite.logs('audit')).toMatch(/AUDIT LOG TAMPERING DETECTED/);
  });
});

describe('audit: the log expires by its own policy, audited, and still verifies', () => {
  let suite: Suite;

  beforeAll(async () => {
    // the load suites leave tens of thousands of events, which expiry walks at a few hundred a second:
    // this suite measures the expiry, not that backlog
    await dropSealpostDatabases(testInfra().mongoUrl);
    suite = await Suite.start({ services: ['audit'], env: { SEALPOST_AUDIT_RETENTION: 'PT3S', SEALPOST_AUDIT_CHECKPOINT_EVERY: '5', SEALPOST_AUDIT_CHECKPOINT_INTERVAL: 'PT1S' } });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('drops old events’ content, keeps their place in the chain, records the expiry, and verifies', async () => {
    const producer = kafkaClient(testKafka()).producer();
    await producer.connect();
    const marker = `expiring-${Date.now()}`;
    await producer.send({ topic: TOPICS.auditEvents, messages: [{ key: 'test', value: JSON.stringify(createEvent('test.expiring', { service: 'keys', actor: 'admin', action: 'test', target: marker, outcome: 'success' })) }] });
    await producer.disconnect();

    type View = { seq: number; type?: string; expired?: boolean; payload?: { target?: string } };
    const page = () => allPages<View>(suite);
    let markerSeq = 0;
    await waitFor('the marker event in the log', async () => {
      markerSeq = (await page()).find((e) => e.payload?.target === marker)?.seq ?? 0;
      return markerSeq > 0;
    }, 30000, 250);
    await waitFor('the marker event to expire and the expiry to be audited', async () => {
      const events = await page();
      return events.find((e) => e.seq === markerSeq)?.expired === true && events.some((e) => e.type === 'audit.expired' && e.seq > markerSeq);
    }, 60000, 500);

    const events = await page();
    const firstLive = events.findIndex((e) => !e.expired);
    expect(firstLive).toBeGreaterThan(0);
    expect(events.slice(0, firstLive).every((e) => e.expired && e.type === undefined)).toBe(true);
    expect(await (await suite.admin('audit', '/admin/audit/verify')).json()).toMatchObject({ valid: true });
    const verdict = await run(process.execPath, ['-r', join(projectRoot(), 'infra', 'register-aliases.js'), join(projectRoot(), 'dist', 'tools', 'audit-verify', 'main.js'), '--url', suite.url('audit'), '--admin-token', suite.adminToken]);
    expect(verdict.stdout).toMatch(/VALID/);
  });

  it('keeps each expired event’s content hash, so a tampered expired record fails verification', async () => {
    type Expired = { seq: number; hash: string; prev_hash: string; content_hash?: string; expired?: boolean };
    const verify = async () => (await suite.admin('audit', '/admin/audit/verify')).json();
    let expired: Expired[] = [];
    await waitFor('two expired events', async () => (expired = (await allPages<Expired>(suite)).filter((e) => e.expired)).length >= 2, 60000, 500);
    const [first, second] = expired as [Expired, Expired];
    expect(first.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const db = await mongoose.createConnection(testInfra().mongoUrl, { dbName: 'sealpost_audit' }).asPromise();
    const records = db.collection('audit_records');
    try {
      // another content behind the same place in the chain
      await records.updateOne({ seq: first.seq }, { $set: { content_hash: 'e'.repeat(64) } });
      expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/Merkle root differs from the log/) });
      await records.updateOne({ seq: first.seq }, { $set: { content_hash: first.content_hash } });
      // a hash rewritten with its expired neighbour's link: no event left to rehash, the signed root still catches it
      await records.updateOne({ seq: first.seq }, { $set: { hash: 'f'.repeat(64) } });
      await records.updateOne({ seq: second.seq }, { $set: { prev_hash: 'f'.repeat(64) } });
      expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/Merkle root differs from the log/) });
    } finally {
      await records.updateOne({ seq: first.seq }, { $set: { hash: first.hash, content_hash: first.content_hash } });
      await records.updateOne({ seq: second.seq }, { $set: { prev_hash: second.prev_hash } });
      await db.close();
    }
    expect(await verify()).toMatchObject({ valid: true });
  });
});
