import { generateDeviceKeyPair, openSealed, sealForDevice } from '@sealpost/crypto';
import { deviceBatchBody, DeviceBatchJob } from './device-batch';

describe('deviceBatchBody', () => {
  it('is the CONTRACT §5 shape, in order, and each item opens on the device', async () => {
    const device = await generateDeviceKeyPair();
    const content = JSON.stringify({ type: 'text', text: { body: 'Café ✓ 🚀' } });
    const jobs: (DeviceBatchJob & { extra?: string })[] = await Promise.all(
      ['wamid.1', 'wamid.2'].map(async (id) => ({
        message_id: id,
        phone_number_id: '1055',
        timestamp: '1732550000',
        sealed: await sealForDevice(device.publicKey, id, Buffer.from(content)),
        extra: 'must not leak into the body',
      })),
    );
    const body = JSON.parse(deviceBatchBody(jobs).toString('utf8')) as { messages: DeviceBatchJob[] };
    expect(Object.keys(body)).toEqual(['messages']);
    expect(body.messages.map((m) => m.message_id)).toEqual(['wamid.1', 'wamid.2']);
    expect(Object.keys(body.messages[0]!)).toEqual(['message_id', 'phone_number_id', 'timestamp', 'sealed']);
    expect(body.messages[0]!.sealed!.suite).toBe('HPKE-base-X25519-SHA256-AES256GCM');
    for (const item of body.messages) {
      expect((await openSealed(device.privateKey, item.sealed!, item.message_id)).toString('utf8')).toBe(content);
    }
  });

  it('skips jobs whose sealed copy is gone and refuses more than 100 messages', () => {
    const gone = { message_id: 'm', phone_number_id: 'p', timestamp: '1', sealed: null };
    expect(JSON.parse(deviceBatchBody([gone]).toString())).toEqual({ messages: [] });
    expect(() => deviceBatchBody(Array.from({ length: 101 }, () => gone))).toThrow(/at most 100/);
  });
});
