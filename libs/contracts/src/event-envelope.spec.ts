import { createEvent, factEventId } from './event-envelope';

describe('factEventId', () => {
  it('derives the same UUID-shaped id from the same fact, and another from another', () => {
    const id = factEventId('status', 'wamid.1', 'delivered');
    expect(id).toBe(factEventId('status', 'wamid.1', 'delivered'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(factEventId('status', 'wamid.1', 'read')).not.toBe(id);
    expect(factEventId('status', 'wamid.1d', 'elivered')).not.toBe(id);
  });

  it('is the event id when given, and a random one otherwise', () => {
    expect(createEvent('t', {}, { eventId: 'fixed' }).eventId).toBe('fixed');
    expect(createEvent('t', {}).eventId).not.toBe(createEvent('t', {}).eventId);
  });
});
