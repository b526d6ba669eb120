import { statusView } from './status-view';

const acceptedAt = new Date(9000);
const entry = (status: 'sent' | 'delivered' | 'read' | 'failed', timestamp: string, errors?: { code: number; title: string; message: string }[]) => ({ status, timestamp, ...(errors && { errors }) });
const noDevice = [{ code: 131026, title: 'Message undeliverable', message: 'no device' }];

describe('statusView', () => {
  it('is accepted with its time when nothing was announced yet', () => {
    expect(statusView(acceptedAt, [])).toEqual({ status: 'accepted', timestamps: { accepted: '9' } });
  });

  it('takes the furthest status, with every step on the way timed, whatever order the store returned them in', () => {
    expect(statusView(acceptedAt, [entry('read', '13'), entry('sent', '10'), entry('delivered', '12')])).toEqual({
      status: 'read',
      timestamps: { accepted: '9', sent: '10', delivered: '12', read: '13' },
    });
  });

  it('orders steps of the same second by the path a message takes', () => {
    expect(statusView(acceptedAt, [entry('delivered', '10'), entry('sent', '10')]).timestamps).toEqual({ accepted: '9', sent: '10', delivered: '10' });
  });

  it('keeps failed terminal, with its errors', () => {
    expect(statusView(acceptedAt, [entry('sent', '10'), entry('failed', '11', noDevice), entry('read', '12')])).toEqual({
      status: 'failed',
      timestamps: { accepted: '9', sent: '10', failed: '11' },
      errors: noDevice,
    });
  });

  it('lets the earlier of two equal ranks stand', () => {
    expect(statusView(acceptedAt, [entry('failed', '13', noDevice), entry('delivered', '12')])).toEqual({ status: 'delivered', timestamps: { accepted: '9', delivered: '12' } });
  });
});
