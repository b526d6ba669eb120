import { isUtf8 } from 'node:buffer';

/** deeper than any send, template or admin body needs; a recursive validator is safe far beyond it */
export const MAX_JSON_DEPTH = 32;
/** own keys JSON.parse creates that a later merge or transform would take for the object's prototype */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a body is refused before it is read: fixed texts, never a piece of the input. */
export class BadJsonInput extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BadJsonInput';
  }
}

/**
 * The checks on the raw bytes of a body from outside (an HTTP request, a Kafka submit), before
 * it is parsed: well-formed UTF-8 (no invalid or overlong sequences: what was signed must be
 * what is delivered), and nested at most MAX_JSON_DEPTH deep (a validator walking a 10,000-deep
 * body would overflow its stack). One pass over the bytes, brackets inside strings not counted.
 */
export function checkJsonBytes(bytes: Buffer): void {
  if (!isUtf8(bytes)) throw new BadJsonInput('Request body is not valid UTF-8: send it UTF-8 encoded');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++; // a backslash: the next byte is escaped
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new BadJsonInput(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
}

/**
 * A JSON.parse reviver refusing what well-formed JSON may still carry: a key that names an
 * object's prototype (`__proto__`, `constructor`, `prototype`), and a string with an unpaired
 * surrogate escape (`"\ud800"`: no UTF-8 holds it, so the device would read other text than was sent).
 */
export function strictJsonReviver(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new BadJsonInput('Request body holds a forbidden key (__proto__, constructor or prototype)');
  if ((typeof value === 'string' && LONE_SURROGATE.test(value)) || LONE_SURROGATE.test(key)) throw new BadJsonInput('Request body holds text with an unpaired UTF-16 surrogate');
  return value;
}

/** The checked parse for a body from outside: bytes, then JSON, then the reviver's rules. */
export function parseStrictJson(bytes: Buffer): unknown {
  checkJsonBytes(bytes);
  try {
    return JSON.parse(bytes.toString('utf8'), strictJsonReviver);
  } catch (err) {
    if (err instanceof BadJsonInput) throw err;
    // V8's message quotes the input: a fixed text instead
    throw new BadJsonInput('Request body is not valid JSON');
  }
}
