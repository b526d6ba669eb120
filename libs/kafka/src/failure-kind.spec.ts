import { isTransientFailure } from './failure-kind';

class MongoNetworkError extends Error {
  override name = 'MongoNetworkError';
}
class KafkaJSConnectionError extends Error {
  override name = 'KafkaJSConnectionError';
}
const httpError = (status: number) => Object.assign(new Error('keys'), { getStatus: () => status });

describe('isTransientFailure', () => {
  it.each([
    ['a store outage', new MongoNetworkError('connection closed')],
    ['a broker outage', new KafkaJSConnectionError('Connection error')],
    ['the keys service down', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })],
    ['the keys service answering 503', httpError(503)],
    ['a timeout', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })],
  ])('%s is transient', (_, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a destroyed key', Object.assign(new Error('data key destroyed (/internal/data-keys/current)'), { name: 'DataKeyDestroyedError' })],
    ['a 4xx from a service', httpError(410)],
    ['a bug tripped by one record', new TypeError("Cannot read properties of undefined (reading 'body')")],
    ['a stack overflow', new RangeError('Maximum call stack size exceeded')],
    ['nothing at all', undefined],
  ])('%s is the record\'s own', (_, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
