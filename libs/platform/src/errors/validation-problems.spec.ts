import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { describeValidationErrors, wellFormed } from './validation-problems';

class Body {
  @IsString()
  name!: string;
}

const problemsOf = (value: object) => describeValidationErrors(validateSync(plainToInstance(Body, value), { whitelist: true, forbidNonWhitelisted: true }));

describe('describeValidationErrors', () => {
  it('names a few problems and counts the rest, however many unknown fields a body has', () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`unknown_field_${i}`, i]));
    const text = problemsOf({ name: 'ok', ...body });
    expect(text).toMatch(/^unknown_field_0: property unknown_field_0 should not exist; .*; and 4995 more$/);
    expect(text.length).toBeLessThan(700);
  });

  it('cuts a very long field name short', () => {
    const text = problemsOf({ name: 'ok', ['x'.repeat(10000)]: 1 });
    expect(text.length).toBeLessThanOrEqual(120);
  });

  it('shows a lone surrogate in a field name as U+FFFD, so the text is well-formed and hashes as it is stored', () => {
    const text = problemsOf({ name: 'ok', 'bad\ud800name': 1 });
    expect(text).toBe('bad\ufffdname: property bad\ufffdname should not exist');
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });
});

describe('wellFormed', () => {
  it('keeps pairs and replaces only unpaired halves', () => {
    expect(wellFormed('a\ud83d\ude00b')).toBe('a\ud83d\ude00b');
    expect(wellFormed('\ude00\ud83d')).toBe('\ufffd\ufffd');
    expect(wellFormed('\ud83d\ude00\ud83d')).toBe('\ud83d\ude00\ufffd');
  });
});
