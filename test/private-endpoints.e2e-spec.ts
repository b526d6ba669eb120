import { randomUUID } from 'node:crypto';
import { FakeDevice, SealpostClient, Suite, testPhone } from '@sealpost/testing';

const PRIVATE_URLS = [
  'http://127.0.0.1:9/hook',
  'http://localhost:9/hook',
  'http://[::1]:9/hook',
  'http://10.1.2.3/hook',
  'http://192.168.0.10/hook',
  'http://169.254.169.254/latest/meta-data',
  'http://[::ffff:127.0.0.1]/hook',
];

/** An operator that does not allow private endpoints: no business or device can point Sealpost inside its network. */
describe('private endpoints: refused unless the operator allows them', () => {
  let suite: Suite;
  let client: SealpostClient;
  let device: FakeDevice;

  beforeAll(async () => {
    suite = await Suite.start({ services: ['keys', 'ingestion', 'delivery'], env: { SEALPOST_ALLOW_PRIVATE_ENDPOINTS: 'false' } });
    client = new SealpostClient(suite);
    device = await FakeDevice.start();
  });

  afterAll(async () => {
    await device?.stop();
    await suite?.stop();
  });

  const businessNames = async () => ((await (await suite.admin('ingestion', '/admin/businesses')).json()) as { name: string }[]).map((b) => b.name);
  const deviceUrls = async () => ((await (await suite.admin('delivery', '/admin/devices')).json()) as { endpoint_url: string }[]).map((d) => d.endpoint_url);

  it.each(PRIVATE_URLS)('refuses a business whose webhook_url is %s, and stores nothing', async (url) => {
    const name = `private-${randomUUID()}`;
    const res = await suite.admin('ingestion', '/admin/businesses', { method: 'POST', body: JSON.stringify({ name, webhook_url: url }) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { error_data?: { details?: string } } };
    expect(error.error_data?.details).toMatch(/webhook_url/);
    expect(await businessNames()).not.toContain(name);
  });

  it('says why and what to do', async () => {
    const res = await suite.admin('ingestion', '/admin/businesses', { method: 'POST', body: JSON.stringify({ name: 'local', webhook_url: 'http://localhost:9/hook' }) });
    const { error } = (await res.json()) as { error: { code: number; error_data?: { details?: string } } };
    expect(error.code).toBe(131009);
    expect(error.error_data?.details).toMatch(
      /^webhook_url: localhost resolves to (127\.0\.0\.1|::1), a loopback, private or link-local address; give a public address, or have the operator set SEALPOST_ALLOW_PRIVATE_ENDPOINTS=true$/,
    );
  });

  it('refuses to move a business\'s webhook_url inside the network, and keeps the old one', async () => {
    const business = await client.onboard('http://203.0.113.10/hook', 10, `public-${randomUUID()}`);
    const res = await suite.admin('ingestion', `/admin/businesses/${business.business_id}`, { method: 'PATCH', body: JSON.stringify({ webhook_url: 'http://10.0.0.1/hook' }) });
    expect(res.status).toBe(400);
    const stored = ((await (await suite.admin('ingestion', '/admin/businesses')).json()) as { business_id: string; webhook_url: string }[]).find((b) => b.business_id === business.business_id);
    expect(stored?.webhook_url).toBe('http://203.0.113.10/hook');
  });

  it.each(PRIVATE_URLS)('refuses a device whose endpoint_url is %s, and stores nothing', async (url) => {
    const res = await suite.admin('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify({ phone: testPhone(), endpoint_url: url, public_key: device.publicKey }) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { error_data?: { details?: string } } };
    expect(error.error_data?.details).toMatch(/endpoint_url/);
    expect(await deviceUrls()).not.toContain(url);
  });

  it('still takes public addresses', async () => {
    const business = await client.onboard('https://203.0.113.20/hook', 10, `public-${randomUUID()}`);
    expect(business.business_id).toMatch(/^\d+$/);
    const registered = await client.registerDevice(testPhone(), 'https://198.51.100.7/inbox', device.publicKey);
    expect(registered.device_id).toMatch(/^dev_/);
  });
});
