import type { ValidationError } from 'class-validator';

/**
 * The Cloud API's "Parameter value is not valid" (131009): a constraint carrying this context
 * (`{ context: BAD_VALUE }`) refuses a well-formed value (a duplicate button id, a latitude off
 * the globe); any other refusal is a missing or malformed parameter (100).
 */
export const BAD_VALUE = { code: 131009 } as const;

/** at most this many problems are named, the rest only counted: a body with thousands of unknown fields gets a short answer */
const MAX_NAMED = 5;
/** the longest one problem's text may be (a field name is the sender's choice) */
const MAX_PROBLEM_LENGTH = 120;

/**
 * Field names and rules, never the rejected values (they may be message text or numbers): a
 * few of them and a count of the rest, each cut short and made well-formed UTF-16 (a field name
 * with a lone surrogate is shown with U+FFFD), so the text is small and the same however it is
 * encoded and stored.
 */
export function describeValidationErrors(errors: ValidationError[]): string {
  const problems = flatten(errors);
  const named = problems.slice(0, MAX_NAMED).map((p) => wellFormedPrefix(p, MAX_PROBLEM_LENGTH));
  return [...named, ...(problems.length > MAX_NAMED ? [`and ${problems.length - MAX_NAMED} more`] : [])].join('; ');
}

/** `text` with every unpaired surrogate replaced by U+FFFD (String.prototype.toWellFormed, which Node 20's types lack). */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** At most `length` UTF-16 units of `text`, well-formed (a pair cut in two loses its half). */
export function wellFormedPrefix(text: string, length: number): string {
  return wellFormed(wellFormed(text).slice(0, length));
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${prefix ? prefix + '.' : ''}${m}` : `${path}: ${m}`));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** The Cloud API code of a refusal: 131009 when every rule its first field broke says so (a value of the right type, but not valid), else 100. */
export function validationErrorCode(errors: ValidationError[]): number {
  const first = firstFailure(errors);
  const broken = Object.keys(first?.constraints ?? {});
  const badValue = broken.length > 0 && broken.every((rule) => (first?.contexts?.[rule] as { code?: number } | undefined)?.code === BAD_VALUE.code);
  return badValue ? BAD_VALUE.code : 100;
}

function firstFailure(errors: ValidationError[]): ValidationError | undefined {
  for (const e of errors) {
    if (e.constraints && Object.keys(e.constraints).length > 0) return e;
    const nested = firstFailure(e.children ?? []);
    if (nested) return nested;
  }
  return undefined;
}
