import { TOPICS } from '@sealpost/contracts';
import { dumpTopics, Suite, testKafka, waitFor } from '@sealpost/testing';

type AuditEvent = { eventId: string; type: string; payload: { service: string; action: string; detail?: Record<string, unknown> } };

/** Refused admin calls cost a bounded amount of audit log, and a caller guessing at speed is stopped. */
describe('refused admin calls: aggregated in the audit log and rate-limited', () => {
  let suite: Suite;
  const longPath = `cnrypath${'x'.repeat(12 * 1024)}`;
  const deniedOfIngestion = async (): Promise<AuditEvent[]> =>
    (await dumpTopics(testKafka(), { topics: [TOPICS.auditEvents] }))
      .map((r) => JSON.parse(r.value!.toString()) as AuditEvent)
      .filter((e) => e.type === 'admin.denied' && e.payload.service === 'ingestion' && e.payload.action.startsWith('PATCH '));

  beforeAll(async () => {
    suite = await Suite.start({ services: ['keys', 'ingestion'] });
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('answers 401 twenty times, then 429 (even to the right token) for the rest of the minute', async () => {
    const before = (await deniedOfIngestion()).length;
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${suite.url('ingestion')}/admin/businesses/${longPath}`, { method: 'PATCH', headers: { authorization: 'Bearer wrong-token-guess-00', 'content-type': 'application/json' }, body: '{}' });
      statuses.push(res.status);
      const body = await res.text();
      expect(body).not.toContain('cnrypath');
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(30).fill(429));
    expect((await suite.admin('ingestion', '/admin/businesses')).status).toBe(429);

    // one event at the first refusal, holding the route's pattern and never the path sent
    let denied: AuditEvent[] = [];
    await waitFor('the admin.denied event', async () => (denied = (await deniedOfIngestion()).slice(before)).length > 0, 30000);
    expect(denied).toHaveLength(1);
    expect(denied[0]!.payload).toMatchObject({ action: 'PATCH /admin/businesses/:business_id', detail: { source: expect.any(String) } });
    expect(JSON.stringify(denied[0]).length).toBeLessThan(2048);

    // the other refusals are one count, recorded when the minute ends or the service stops
    await suite.stop();
    await waitFor('the aggregated admin.denied event', async () => (denied = (await deniedOfIngestion()).slice(before)).length === 2, 30000);
    expect(denied[1]!.payload).toMatchObject({ action: 'PATCH /admin/businesses/:business_id', detail: { more_refusals: 19 } });
    expect(JSON.stringify(await deniedOfIngestion())).not.toContain('cnrypath');
  });
});
