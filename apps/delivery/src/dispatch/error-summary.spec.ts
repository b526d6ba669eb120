import { errorSummary } from './error-summary';

describe('errorSummary', () => {
  it('keeps the class and a numeric or symbolic code, never the message', () => {
    const err = Object.assign(new Error('E11000 duplicate key: { phone: "+12025550123" }'), { name: 'MongoServerError', code: 11000 });
    expect(errorSummary(err)).toEqual({ error: 'MongoServerError', code: 11000 });
    expect(JSON.stringify(errorSummary(err))).not.toContain('1202555');
    expect(errorSummary(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({ error: 'Error', code: 'ECONNREFUSED' });
    expect(errorSummary(Object.assign(new Error('x'), { code: 'free text with +1202' }))).toEqual({ error: 'Error' });
    expect(errorSummary(undefined)).toEqual({ error: 'unknown' });
  });
});
