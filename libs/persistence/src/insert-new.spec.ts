import { duplicateKeyIndexes } from './insert-new';

/** The driver's WriteError reads code and index from its `err` through getters, as here. */
class WriteError {
  constructor(private readonly err: { index: number; code: number; errmsg: string }) {}
  get index() {
    return this.err.index;
  }
  get code() {
    return this.err.code;
  }
}

const duplicate = (index: number) => new WriteError({ index, code: 11000, errmsg: 'E11000 duplicate key error' });

describe('duplicateKeyIndexes', () => {
  it('names every document refused for a duplicate key', () => {
    const err = Object.assign(new Error('E11000'), { code: 11000, writeErrors: [duplicate(0), duplicate(3), duplicate(7)] });
    expect(duplicateKeyIndexes(err)).toEqual(new Set([0, 3, 7]));
  });

  it('reads a single refusal reported as one object', () => {
    expect(duplicateKeyIndexes({ writeErrors: duplicate(2) })).toEqual(new Set([2]));
  });

  it('gives up when any refusal has another cause', () => {
    const other = new WriteError({ index: 1, code: 2, errmsg: 'bad value' });
    expect(duplicateKeyIndexes({ writeErrors: [duplicate(0), other] })).toBeUndefined();
  });

  it('gives up on errors that are not a bulk write refusal', () => {
    expect(duplicateKeyIndexes(new Error('connection reset'))).toBeUndefined();
    expect(duplicateKeyIndexes({ code: 11000 })).toBeUndefined();
    expect(duplicateKeyIndexes({ writeErrors: [] })).toBeUndefined();
    expect(duplicateKeyIndexes(null)).toBeUndefined();
    expect(duplicateKeyIndexes(undefined)).toBeUndefined();
  });
});
