import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { CanaryMatcher, canaryForms } from './canary-match';
import { scanLogFiles } from './canary-scan';
import { binaryValues } from './mongo-dump';

describe('CanaryMatcher', () => {
  const canary = 'Zürich "secret" 👋';
  const matcher = new CanaryMatcher([canary, 'other-canary']);

  it.each([
    ['raw UTF-8', `{"body":"${canary}"}`],
    ['JSON-escaped', JSON.stringify({ body: canary })],
    ['\\u-escaped non-ASCII', JSON.stringify({ body: canary }).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
    ['JSON inside a JSON string', JSON.stringify({ payload: JSON.stringify({ body: canary }) })],
  ])('finds the canary written as %s', (_, haystack) => {
    expect(matcher.find(Buffer.from(haystack, 'utf8'))).toEqual([canary]);
  });

  it('does not treat base64 of the canary as a hit', () => {
    expect(matcher.find(Buffer.from(canary, 'utf8').toString('base64'))).toEqual([]);
  });

  it('escapes astral characters as the surrogate pair JSON writes', () => {
    expect(canaryForms('👋')).toContain('\\ud83d\\udc4b');
  });

  it('refuses an empty canary, which would match everything', () => {
    expect(() => new CanaryMatcher([''])).toThrow(/empty/);
  });
});

describe('binaryValues', () => {
  it('yields the raw bytes of BSON Binary and Buffer fields at any depth', () => {
    const doc = { _id: new mongoose.mongo.ObjectId(), a: { b: [new mongoose.mongo.Binary(Buffer.from('plain'))] }, c: Buffer.from('buf'), d: 'text' };
    expect(binaryValues(doc).map((b) => b.toString('utf8'))).toEqual(['plain', 'buf']);
  });
});

describe('scanLogFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-canary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports file and line of each hit', () => {
    const file = join(dir, 'delivery.log');
    writeFileSync(file, ['{"msg":"started"}', '{"msg":"body CANARY-1"}', '{"msg":"ok"}'].join('\n'));
    expect(scanLogFiles(['CANARY-1', 'CANARY-2'], [file])).toEqual([{ place: `log:${file}:2`, canary: 'CANARY-1' }]);
  });

  it('fails on a log it cannot read instead of passing silently', () => {
    expect(() => scanLogFiles(['CANARY-1'], [join(dir, 'missing.log')])).toThrow(/ENOENT/);
  });
});
