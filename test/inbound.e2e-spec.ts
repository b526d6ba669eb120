import { dumpDatabases, FakeDevice, FakeWebhookReceiver, OnboardedBusiness, SealpostClient, Suite, testInfra, waitFor } from '@sealpost/testing';
import type { BusinessKey, DeviceSession } from '@sealpost/testing';

interface CloudApiError {
  error: { code: number; message: string; error_data: { details: string } };
}

/** Customers write back (CONTRACT §11): business keys, inbound messages, their webhooks, retention. */
describe('inbound: customers write to businesses', () => {
  let suite: Suite;
  let client: SealpostClient;
  let receiver: FakeWebhookReceiver;
  let business: OnboardedBusiness;
  const devices: FakeDevice[] = [];
  let nextNumber = 100;

  async function customer(): Promise<{ phone: string; session: DeviceSession; deviceId: string }> {
    const phone = `+1303555${String(nextNumber++).padStart(4, '0')}`;
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_id, device_token } = await client.registerDevice(phone, device.url, device.publicKey);
    return { phone, deviceId: device_id, session: { deliveryUrl: suite.url('delivery'), deviceToken: device_token } };
  }

  async function storedCount(database: string, collection: string): Promise<number> {
    return (await dumpDatabases(testInfra().mongoUrl, { databases: [database] })).filter((d) => d.collection === collection).length;
  }

  beforeAll(async () => {
    suite = await Suite.start({ env: { SEALPOST_KEY_EPOCH: 'PT2S', SEALPOST_DELIVERY_RETRY_BASE: 'PT0.2S', SEALPOST_DELIVERY_RETRY_MAX: 'PT0.5S' } });
    client = new SealpostClient(suite);
    receiver = await FakeWebhookReceiver.start();
    business = await client.onboard(receiver.url, 1000, 'Inbound Shop');
    receiver.setAppSecret(business.app_secret);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
    await receiver?.stop();
    await suite?.stop();
  });

  describe('the business key (GET /v1/businesses/{phone_number_id}/key)', () => {
    it('gives a device the X25519 public key of a business it never heard from, with its key id and suite', async () => {
      const { session } = await customer();
      let answer: { status: number; body: unknown } | undefined;
      // delivery learns the business from ingestion's announcement on the accepted topic
      await waitFor('delivery to know the business', async () => (answer = await FakeDevice.businessKey(session, business.phone_number_id)).status === 200, 30000);
      const key = answer!.body as BusinessKey;
      expect(Object.keys(key).sort()).toEqual(['key_id', 'phone_number_id', 'public_key', 'suite']);
      expect(key.phone_number_id).toBe(business.phone_number_id);
      expect(key.suite).toBe('HPKE-base-X25519-SHA256-AES256GCM');
      expect(key.key_id).toMatch(/^dk_/);
      expect(Buffer.from(key.public_key, 'base64url')).toHaveLength(32);
    });

    it('is listed by the keys service as a business-inbound key, without material, rotating with the key epoch', async () => {
      const { session } = await customer();
      const first = (await FakeDevice.businessKey(session, business.phone_number_id)).body as BusinessKey;
      let next: BusinessKey | undefined;
      await waitFor('the next epoch key', async () => (next = (await FakeDevice.businessKey(session, business.phone_number_id)).body as BusinessKey).key_id !== first.key_id, 15000);
      expect(next!.public_key).not.toBe(first.public_key);
      const listed = (await (await suite.admin('keys', `/admin/keys?business_id=${business.business_id}`)).json()) as Array<Record<string, unknown>>;
      const inbound = listed.filter((k) => k.kind === 'business-inbound');
      expect(inbound.map((k) => k.key_id)).toEqual(expect.arrayContaining([first.key_id, next!.key_id]));
      for (const k of inbound) expect(Object.keys(k)).not.toContain('key');
      // the private half is wrapped: no public key bytes' private counterpart is stored in clear
      const stored = (await dumpDatabases(testInfra().mongoUrl, { databases: ['sealpost_keys'] })).map((d) => d.document).filter((d) => d.key_id === first.key_id);
      expect(stored).toHaveLength(1);
      expect(stored[0]!.public_key).toBe(first.public_key);
      expect(typeof stored[0]!.wrapped).toBe('string');
    });

    it('answers an unknown or malformed phone_number_id with 404 in the contract error shape', async () => {
      const { session } = await customer();
      for (const id of ['999999999999', 'not-a-number']) {
        const res = await FakeDevice.businessKey(session, id);
        expect(res.status).toBe(404);
        const { error } = res.body as CloudApiError;
        expect(error.code).toBe(100);
        expect(error.message).toContain('phone_number_id');
        expect(JSON.stringify(res.body)).not.toContain(id);
      }
    });

    it('refuses a missing or wrong device token with 401, issuing no key', async () => {
      const before = await storedCount('sealpost_delivery', 'inbound_keys');
      for (const deviceToken of ['', 'spdev_wrong']) {
        const res = await FakeDevice.businessKey({ deliveryUrl: suite.url('delivery'), deviceToken }, business.phone_number_id);
        expect(res.status).toBe(401);
        expect((res.body as CloudApiError).error.code).toBe(190);
      }
      expect(await storedCount('sealpost_delivery', 'inbound_keys')).toBe(before);
    });
  });
});
