import { statusesOfMarkers } from './marked-statuses';

describe('statusesOfMarkers', () => {
  it('names every step of every move, a multi-step move included', () => {
    const marked = statusesOfMarkers([
      { moves: [{ message_id: 'm1', from: 'accepted', target: 'delivered' }] },
      { moves: [{ message_id: 'm2', from: 'sent', target: 'failed' }, { message_id: 'm3', from: 'delivered', target: 'read' }] },
    ]);
    expect([...marked].sort()).toEqual(['m1:delivered', 'm1:sent', 'm2:failed', 'm3:read']);
  });

  it('names nothing for a move that is a repeat, or a marker written before markers held moves', () => {
    expect(statusesOfMarkers([{ moves: [{ message_id: 'm1', from: 'read', target: 'delivered' }] }, { moves: [] }]).size).toBe(0);
  });
});
