import { fillPlaceholders, ParameterFormat, placeholdersOf } from './template-text';

/** What a template holds when a send names it (as stored). */
export interface TemplateText {
  parameter_format: ParameterFormat;
  components: { type: string; text?: string }[];
}

/** The send's values: `template.components` of the request. */
export interface TemplateValues {
  components?: { type: 'header' | 'body'; parameters: { text: string; parameter_name?: string }[] }[];
}

export interface RenderedTemplate {
  header?: string;
  body: string;
  footer?: string;
}

/** Why a send's values do not fit its template (the Cloud API's codes); names rules, never values. */
export interface RenderRefusal {
  code: number;
  title: string;
  details: string;
}

const MISMATCH = { code: 132000, title: 'Number of parameters does not match the expected number of params' };

/**
 * The template with the send's values in its placeholders: header and body each take exactly as
 * many parameters as they have placeholders (by position, or by parameter_name when named).
 */
export function renderTemplate(template: TemplateText, values: TemplateValues): RenderedTemplate | RenderRefusal {
  const rendered: Partial<RenderedTemplate> = {};
  for (const section of ['header', 'body'] as const) {
    const component = template.components.find((c) => c.type === section.toUpperCase());
    const given = values.components?.find((c) => c.type === section)?.parameters ?? [];
    if (!component?.text) {
      if (given.length > 0) return { ...MISMATCH, details: `template.components: this template has no ${section}, so it takes no ${section} parameters` };
      continue;
    }
    const filled = fill(component.text, template.parameter_format, given, section);
    if (typeof filled !== 'string') return filled;
    rendered[section] = filled;
  }
  const footer = template.components.find((c) => c.type === 'FOOTER')?.text;
  return { ...(rendered.header !== undefined && { header: rendered.header }), body: rendered.body ?? '', ...(footer !== undefined && { footer }) };
}

function fill(text: string, format: ParameterFormat, given: { text: string; parameter_name?: string }[], section: string): string | RenderRefusal {
  const { positional, named } = placeholdersOf(text);
  const expected = format === 'NAMED' ? named.length : positional.length;
  if (given.length !== expected) return { ...MISMATCH, details: `${section}: the template expects ${expected} parameters, the request gave ${given.length}; send one per placeholder` };
  if (format === 'POSITIONAL') return fillPlaceholders(text, new Map(given.map((p, i) => [String(i + 1), p.text])));
  const values = new Map(given.map((p) => [p.parameter_name ?? '', p.text]));
  if (values.size !== given.length || named.some((name) => !values.has(name))) {
    return { ...MISMATCH, details: `${section}: a named template needs each of its parameters once, by parameter_name` };
  }
  return fillPlaceholders(text, values);
}
