import { normalizePhoneNumber } from '@sealpost/contracts';
import type { CreateTemplateRequest, TemplateComponentDefinition } from './template-definition.dto';
import { ParameterFormat, placeholdersOf } from './template-text';

/** Cloud API limits per component's text */
const TEXT_LIMIT = { HEADER: 60, BODY: 1024, FOOTER: 60 } as const;

export type DefinitionCheck = { parameterFormat: ParameterFormat } | { problem: string };

/**
 * The rules the Cloud API applies to a template beyond each field's own: one BODY, at most one
 * HEADER (text, one parameter at most), FOOTER (no parameters) and BUTTONS; placeholders all
 * positional (`{{1}}`, `{{2}}`, … numbered from 1 without gaps in each component) or all named.
 */
export function checkTemplateDefinition(request: CreateTemplateRequest): DefinitionCheck {
  const components = request.components;
  for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const) {
    const count = components.filter((c) => c.type === type).length;
    if (type === 'BODY' ? count !== 1 : count > 1) return { problem: `components must hold ${type === 'BODY' ? 'exactly one' : 'at most one'} ${type}` };
  }
  for (const component of components) {
    const problem = component.type === 'BUTTONS' ? buttonsProblem(component) : textProblem(component);
    if (problem) return { problem };
  }
  return parameterFormat(request);
}

function textProblem({ type, text, format, buttons }: TemplateComponentDefinition): string | undefined {
  const limit = TEXT_LIMIT[type as keyof typeof TEXT_LIMIT];
  if (buttons) return `${type}: buttons belong in a BUTTONS component`;
  if (type !== 'HEADER' && format) return `${type}: format belongs to a HEADER`;
  if (type === 'HEADER' && format !== 'TEXT') return 'HEADER: format must be TEXT';
  if (text === undefined || text.length > limit) return `${type}: text is required, 1 to ${limit} characters`;
  const { positional, named, bad } = placeholdersOf(text);
  if (bad.length > 0) return `${type}: a placeholder must be {{1}}, {{2}}, … or a lowercase {{name}}`;
  if (type === 'FOOTER' && positional.length + named.length > 0) return 'FOOTER: may hold no parameters';
  if (type === 'HEADER' && positional.length + named.length > 1) return 'HEADER: may hold at most one parameter';
  if ([...positional].sort((a, b) => a - b).some((n, i) => n !== i + 1)) return `${type}: positional parameters must be numbered {{1}}, {{2}}, … without gaps`;
  return undefined;
}

function buttonsProblem({ text, format, buttons, example }: TemplateComponentDefinition): string | undefined {
  if (text !== undefined || format !== undefined || example !== undefined || !buttons) return 'BUTTONS: holds buttons only';
  for (const button of buttons) {
    if ((button.type === 'URL') !== (button.url !== undefined)) return 'BUTTONS: a URL button, and only it, needs a url';
    if ((button.type === 'PHONE_NUMBER') !== (button.phone_number !== undefined)) return 'BUTTONS: a PHONE_NUMBER button, and only it, needs a phone_number';
    if (button.url?.includes('{{')) return 'BUTTONS: url parameters are not supported; use a fixed url';
    if (button.phone_number !== undefined && !normalizePhoneNumber(button.phone_number)) return 'BUTTONS: phone_number must be E.164 with its country code';
  }
  return undefined;
}

function parameterFormat(request: CreateTemplateRequest): DefinitionCheck {
  const found = request.components.map((c) => placeholdersOf(c.text ?? ''));
  const positional = found.some((p) => p.positional.length > 0);
  const named = found.some((p) => p.named.length > 0);
  if (positional && named) return { problem: 'parameters must be all positional ({{1}}) or all named ({{name}})' };
  const inferred: ParameterFormat = named ? 'NAMED' : 'POSITIONAL';
  const declared = request.parameter_format;
  if (declared && (positional || named) && declared !== inferred) return { problem: `parameter_format is ${declared} but the placeholders are ${inferred.toLowerCase()}` };
  return { parameterFormat: declared ?? inferred };
}
