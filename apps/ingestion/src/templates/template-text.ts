/**
 * The Cloud API's template vocabulary, Nest-free: names, language codes and the placeholders in
 * a component's text (`{{1}}` positional or `{{first_name}}` named).
 */

/** lowercase letters, digits and underscores, up to 512 */
export const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
/** a language code as the Cloud API lists them: `en`, `en_US`, `pt_BR`, `fil` */
export const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
/** a named parameter: lowercase letters, digits and underscores, starting with a letter or underscore */
export const PARAMETER_NAME = /^[a-z_][a-z0-9_]{0,99}$/;

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export type ParameterFormat = 'POSITIONAL' | 'NAMED';

/** The placeholders of one text in order of first appearance, each once; `bad` names any that is neither kind. */
export function placeholdersOf(text: string): { positional: number[]; named: string[]; bad: string[] } {
  const positional = new Set<number>();
  const named = new Set<string>();
  const bad: string[] = [];
  for (const [, inner] of text.matchAll(PLACEHOLDER)) {
    if (/^[1-9]\d{0,2}$/.test(inner!)) positional.add(Number(inner));
    else if (PARAMETER_NAME.test(inner!)) named.add(inner!);
    else bad.push(inner!);
  }
  return { positional: [...positional], named: [...named], bad };
}

/** The text with each placeholder replaced by its value (a placeholder without one stays as it is). */
export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => values.get(inner) ?? whole);
}
