import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@sealpost/contracts';
import { dumpDatabases, dumpTopics, FakeDevice, FakeWebhookReceiver, SealpostClient, Suite, testInfra, testKafka, waitFor, testPhone } from '@sealpost/testing';

interface KeyMeta {
  key_id: string;
  kind: string;
  business_id: string;
  version: number;
  state: string;
  destroyed_at: string | null;
}

/** The key hierarchy through its APIs: per-caller authorization, rotation, lifecycle events. */
describe('keys: root → KEK → data keys, per-caller access, rotation', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let device: FakeDevice;

  const credential = (caller: string) => readFileSync(join(suite.dataDir, 'credentials', `keys-${caller}.token`), 'utf8').trim();
  const callKeys = (caller: string, path: string, body: object, token = credential(caller)) =>
    fetch(`${suite.url('keys')}/internal/data-keys${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-sealpost-caller': caller },
      body: JSON.stringify(body),
    });

  /** the KEK versions in the keys service's store, read straight from it */
  const storedKekVersions = async () =>
    (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).filter((d) => d.collection === 'key_encryption_keys').map((d) => d.document.version as number);

  /** a caller allowed to open each kind of key */
  const OPENER: Record<string, string> = { message: 'delivery', recipient: 'delivery', 'business-secret': 'ingestion', pseudonym: 'ingestion', 'business-inbound': 'delivery' };

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S', SEALPOST_DELIVERY_RETRY_MAX: 'PT1S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    device = await FakeDevice.start();
  });

  afterAll(async () => {
    await device?.stop();
    await receiver?.stop();
    await suite?.stop();
  });

  it('creates the root key file with mode 0600', () => {
    expect(statSync(join(suite.dataDir, 'root.key')).mode & 0o777).toBe(0o600);
  });

  it('lets only ingestion obtain message keys and only delivery open them, each with its own credential', async () => {
    const issued = await callKeys('ingestion', '', { business_id: 'authz-test', kind: 'message' });
    expect(issued.status).toBe(201);
    const { key_id } = (await issued.json()) as { key_id: string };

    expect((await callKeys('delivery', '', { business_id: 'authz-test', kind: 'message' })).status).toBe(403);
    expect((await callKeys('ingestion', '/unwrap', { key_id })).status).toBe(403);
    expect((await callKeys('retention', '/unwrap', { key_id })).status).toBe(403);
    expect((await callKeys('delivery', '/unwrap', { key_id })).status).toBe(200);
    // another service's credential, or none, is refused
    expect((await callKeys('delivery', '/unwrap', { key_id }, credential('ingestion'))).status).toBe(401);
    expect((await callKeys('delivery', '/unwrap', { key_id }, 'not-a-credential-at-all')).status).toBe(401);
  });

  it('lists metadata only, rotates the KEKs by rewrapping, and old ciphertexts stay readable', async () => {
    const business = await client.onboard(receiver.url, 100);
    receiver.setAppSecret(business.app_secret);
    const phone = testPhone();
    await client.registerDevice(phone, device.url, device.publicKey);
    const before = await client.sendText(business, phone, 'before rotation');
    await waitFor('delivery before rotation', async () => device.deliveredIds().includes(before), 30000);

    const listed = (await (await suite.admin('keys', `/admin/keys?business_id=${business.business_id}`)).json()) as KeyMeta[];
    expect(listed.length).toBeGreaterThan(0);
    expect(JSON.stringify(listed)).not.toMatch(/"(key|wrapped|material)"/);
    const versionBefore = Math.max(...listed.map((k) => k.version));

    const rotated = await suite.admin('keys', '/admin/keys/rotate', { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { kek_version, rewrapped } = (await rotated.json()) as { kek_version: number; rewrapped: number };
    expect(kek_version).toBeGreaterThan(versionBefore);
    expect(rewrapped).toBeGreaterThan(0);
    const after = (await (await suite.admin('keys', `/admin/keys?business_id=${business.business_id}`)).json()) as KeyMeta[];
    expect(after.every((k) => k.version === kek_version)).toBe(true);

    // the retired KEKs wrap nothing live any more: gone from the store, so a backup plus the root key opens nothing through them
    expect(await storedKekVersions()).toEqual([kek_version]);
    // and every live data key still opens under the new KEK alone
    const live = ((await (await suite.admin('keys', '/admin/keys')).json()) as KeyMeta[]).filter((k) => k.state !== 'destroyed');
    expect(live.length).toBeGreaterThan(2);
    for (const key of live) expect({ key_id: key.key_id, status: (await callKeys(OPENER[key.kind], '/unwrap', { key_id: key.key_id })).status }).toEqual({ key_id: key.key_id, status: 200 });

    // a message encrypted before the rotation (same epoch key) and one after both arrive
    const later = await client.sendText(business, phone, 'after rotation');
    await waitFor('delivery after rotation', async () => device.deliveredIds().includes(later), 30000);
    expect(await device.open(device.received.find((m) => m.message_id === later)!)).toEqual({ type: 'text', text: { body: 'after rotation' } });
  });

  it("holds the pseudonym key for ingestion alone: delivery and retention ask for a number's pseudonym", async () => {
    for (const caller of ['delivery', 'retention']) {
      expect((await callKeys(caller, '', { business_id: '_sealpost', kind: 'pseudonym' })).status).toBe(403);
    }
    const callRecipients = (caller: string, body: object) =>
      fetch(`${suite.url('keys')}/internal/recipients/pseudonym`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential(caller)}`, 'x-sealpost-caller': caller },
        body: JSON.stringify(body),
      });
    const asDelivery = await callRecipients('delivery', { phone: '12025550178', purpose: 'device' });
    expect(asDelivery.status).toBe(200);
    const { pseudonym } = (await asDelivery.json()) as { pseudonym: string };
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(await (await callRecipients('retention', { phone: '12025550178', purpose: 'erasure' })).json()).toEqual({ pseudonym });
    expect((await callRecipients('ingestion', { phone: '12025550178', purpose: 'device' })).status).toBe(403);
    // the pseudonym is the person's own random one, kept with their recipient key (pinned by the device), not a function of the number
    const rows = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).filter((d) => d.collection === 'data_keys' && d.document.pseudonym === pseudonym);
    expect(rows.map((r) => r.document)).toEqual([expect.objectContaining({ kind: 'recipient', pinned: true, wrapped: expect.any(String) })]);

    // a number that is not normalised E.164 digits, or no purpose, is refused, names the field and leaves nothing behind
    const storedBefore = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).length;
    for (const body of [...['+12025550179', '012025550179', '1202555017912345', '', 12025550179].map((phone) => ({ phone, purpose: 'device' })), { purpose: 'device' }]) {
      const refused = await callRecipients('delivery', body);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/phone/) } } });
    }
    for (const purpose of [undefined, 'sending']) {
      const refused = await callRecipients('delivery', { phone: '12025550179', purpose });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { code: 100, error_data: { details: expect.stringMatching(/purpose/) } } });
    }
    expect((await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).length).toBe(storedBefore);
  });

  it('announces key lifecycle on Kafka without material', async () => {
    const events = await dumpTopics(testKafka(), { topics: [TOPICS.keysEvents] });
    const types = events.map((r) => (JSON.parse(r.value!.toString()) as { type: string }).type);
    expect(types).toContain('key.created');
    expect(types).toContain('key.rotated');
    for (const record of events) expect(record.value!.toString()).not.toMatch(/"(key|wrapped)":/);
  });
});
