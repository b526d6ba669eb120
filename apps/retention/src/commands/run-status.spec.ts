import { runStatus } from './run-status';

const report = (service: 'ingestion' | 'keys' | 'delivery', purged: number, keys = 0) => ({ command_id: 'c', service, purged, keys_destroyed: keys, completed_at: '' });

describe('runStatus', () => {
  const deadline = new Date(1000);

  it('is running, naming nobody late, before the deadline', () => {
    expect(runStatus({ reports: { ingestion: report('ingestion', 2) }, deadline }, 500)).toMatchObject({ status: 'running', pending: ['keys', 'delivery'], late: [] });
  });

  it('names the services that have not answered after the deadline', () => {
    expect(runStatus({ reports: { ingestion: report('ingestion', 2), keys: report('keys', 0, 3) }, deadline }, 2000)).toMatchObject({ status: 'running', late: ['delivery'], keys_destroyed: 3 });
  });

  it('is done with every report, summing counts per service', () => {
    const all = { ingestion: { ...report('ingestion', 2), media_purged: 4 }, keys: report('keys', 0, 3), delivery: report('delivery', 5) };
    expect(runStatus({ reports: all, deadline }, 5000)).toEqual({ status: 'done', purged: { ingestion: 2, keys: 0, delivery: 5 }, keys_destroyed: 3, media_purged: 4, pending: [], late: [] });
  });
});
