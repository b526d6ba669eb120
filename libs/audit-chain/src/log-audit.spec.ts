import { generateSigningKeyPair, signEd25519 } from '@sealpost/crypto';
import { chainHash, contentHash, GENESIS_HASH } from './chain-hash';
import { checkpointSigningBytes } from './checkpoint';
import { AuditedRecord, auditLog } from './log-audit';
import { merkleRoot, recordLeaf } from './merkle';
import { SignedCheckpoint } from './signed-checkpoint';

const signer = generateSigningKeyPair();
const attacker = generateSigningKeyPair();
const HOUR = 3_600_000;
const now = new Date('2026-12-07T12:00:00Z');

function chain(length: number, recordedAt = new Date(now.getTime() - 2 * HOUR)): AuditedRecord[] {
  let prev = GENESIS_HASH;
  return Array.from({ length }, (_, i) => {
    const event = { eventId: `e${i + 1}`, type: 'test.action', payload: { target: `t${i + 1}` } };
    const hash = chainHash(prev, event);
    const record = { seq: i + 1, prev_hash: prev, hash, content_hash: contentHash(event), event, recorded_at: recordedAt };
    prev = hash;
    return record;
  });
}

function checkpointOf(records: AuditedRecord[], seq: number, key = signer): SignedCheckpoint {
  const body = { seq, head_hash: records[seq - 1]!.hash, merkle_root: merkleRoot(records.slice(0, seq).map(recordLeaf)).toString('hex'), signed_at: now.toISOString() };
  return { ...body, signature: signEd25519(key.privateKeyPem, checkpointSigningBytes(body)), public_key: key.publicKey };
}

async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const audit = (records: AuditedRecord[], checkpoints: SignedCheckpoint[], signedWithinMs?: number) =>
  auditLog(each(records), each(checkpoints), { pinnedKey: signer.publicKey, signedWithinMs, now });

describe('auditLog', () => {
  it('accepts a log whose every checkpoint the pinned key signed over its prefix', async () => {
    const records = chain(12);
    const verdict = await audit(records, [checkpointOf(records, 5), checkpointOf(records, 10), checkpointOf(records, 12)], HOUR);
    expect(verdict).toMatchObject({ valid: true, length: 12, head_hash: records[11]!.hash, checkpoints_checked: 3 });
    expect(verdict.checkpoint).toEqual({ seq: 12, signature_valid: true, key_matches: true, head_matches: true, merkle_root_matches: true });
  });

  it('names the altered event, not the first event past the last checkpoint, when a long log is both altered and not yet signed that far', async () => {
    const records = chain(12);
    const altered = records.map((r) => (r.seq === 9 ? { ...r, event: { ...(r.event as object), payload: { target: 'rewritten' } } } : r));
    expect(await audit(altered, [checkpointOf(records, 5)], HOUR)).toMatchObject({ valid: false, first_invalid_seq: 9 });
  });

  it('refuses a checkpoint re-signed by another key, even though it names that key', async () => {
    const records = chain(12);
    const verdict = await audit(records, [checkpointOf(records, 5), checkpointOf(records, 10, attacker), checkpointOf(records, 12)]);
    expect(verdict).toMatchObject({ valid: false, first_invalid_seq: 6, reason: 'checkpoint at seq 10: not signed by the pinned key' });
  });

  it('refuses a checkpoint that names another key, though the pinned key signed it', async () => {
    const records = chain(8);
    const verdict = await audit(records, [{ ...checkpointOf(records, 8), public_key: attacker.publicKey }]);
    expect(verdict).toMatchObject({ valid: false, reason: 'checkpoint at seq 8: names a key other than the pinned one' });
  });

  it('refuses a log rewritten and re-chained from one event on, against the checkpoint signed before', async () => {
    const original = chain(10);
    const checkpoint = checkpointOf(original, 10);
    const forged = chain(10).map((r) => ({ ...r }));
    let prev = forged[5]!.prev_hash;
    for (const r of forged.slice(5)) {
      if (r.seq === 6) r.event = { ...(r.event as object), payload: { target: 'rewritten' } };
      r.prev_hash = prev;
      r.hash = chainHash(prev, r.event);
      r.content_hash = contentHash(r.event);
      prev = r.hash;
    }
    expect(await audit(forged, [checkpoint])).toMatchObject({ valid: false, reason: 'checkpoint at seq 10: head hash differs from the log' });
  });

  it('names the first missing event when the newest are cut off behind a checkpoint', async () => {
    const records = chain(10);
    expect(await audit(records.slice(0, 7), [checkpointOf(records, 10)])).toMatchObject({ valid: false, first_invalid_seq: 8 });
  });

  it('says a log is unverified when no checkpoint covers events older than the deadline (checkpoints deleted)', async () => {
    expect(await audit(chain(6), [], HOUR)).toMatchObject({ valid: false, first_invalid_seq: 1, reason: expect.stringContaining('no signed checkpoint covers the log') });
    const records = chain(9);
    expect(await audit(records, [checkpointOf(records, 4)], HOUR)).toMatchObject({ valid: false, first_invalid_seq: 5, reason: expect.stringContaining('from seq 5 on') });
  });

  it('lets events younger than the deadline wait for their checkpoint', async () => {
    const young = chain(6, new Date(now.getTime() - 1000));
    expect(await audit(young, [], HOUR)).toMatchObject({ valid: true, length: 6, checkpoints_checked: 0 });
  });

  it('reports the broken link, not the checkpoints it hides, when an event is altered', async () => {
    const records = chain(12);
    const checkpoints = [checkpointOf(records, 5), checkpointOf(records, 10)];
    records[6]!.event = { ...(records[6]!.event as object), type: 'altered' };
    expect(await audit(records, checkpoints)).toMatchObject({ valid: false, first_invalid_seq: 7, reason: 'hash does not match the event' });
  });

  describe('expired records (content dropped, hashes kept)', () => {
    const expire = (records: AuditedRecord[], count: number) => records.map((r, i) => (i < count ? { ...r, event: undefined, expired: true } : { ...r }));

    it('still prove their content hash against the signed roots', async () => {
      const records = chain(12);
      const checkpoints = [checkpointOf(records, 5), checkpointOf(records, 12)];
      expect(await audit(expire(records, 8), checkpoints)).toMatchObject({ valid: true, length: 12, checkpoints_checked: 2 });
    });

    it('are caught when their content hash is replaced', async () => {
      const records = chain(12);
      const checkpoints = [checkpointOf(records, 5), checkpointOf(records, 12)];
      const tampered = expire(records, 8);
      tampered[2]!.content_hash = contentHash({ eventId: 'e3', type: 'test.action', payload: { target: 'something else' } });
      expect(await audit(tampered, checkpoints)).toMatchObject({ valid: false, first_invalid_seq: 1, reason: 'checkpoint at seq 5: Merkle root differs from the log' });
    });

    it('are caught when their hashes are rewritten consistently among expired neighbours', async () => {
      const records = chain(12);
      const tampered = expire(records, 8);
      tampered[3]!.hash = 'f'.repeat(64);
      tampered[4]!.prev_hash = 'f'.repeat(64);
      expect(await audit(tampered, [checkpointOf(records, 12)])).toMatchObject({ valid: false, reason: 'checkpoint at seq 12: Merkle root differs from the log' });
    });

    it('cannot lose their content hash unnoticed', async () => {
      const records = chain(6);
      const tampered = expire(records, 4);
      delete tampered[1]!.content_hash;
      expect(await audit(tampered, [checkpointOf(records, 6)])).toMatchObject({ valid: false, reason: 'checkpoint at seq 6: Merkle root differs from the log' });
    });
  });
});
