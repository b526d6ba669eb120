import { Equals, IsIn, IsOptional, Matches } from 'class-validator';
import { BAD_VALUE } from '@sealpost/platform/errors/validation-problems';
import { LANGUAGE_CODE, PARAMETER_NAME, TEMPLATE_NAME } from '../../templates/template-text';
import { Nested, NestedList, OptionalNestedList, Rule, Text } from './field-rules';

/** the Cloud API refuses a parameter holding a new line, a tab or more than 4 spaces in a row */
export function isParameterText(value: unknown): boolean {
  return typeof value !== 'string' || !/[\n\r\t]| {5,}/.test(value);
}

class TemplateLanguage {
  @Matches(LANGUAGE_CODE, { message: 'template.language.code must be a language code such as en or en_US' }) code: string;
  @IsOptional() @IsIn(['deterministic']) policy?: 'deterministic';
}

class TemplateParameter {
  @Equals('text', { message: 'template parameters must be of type "text" (currency, date_time and media parameters are not supported)' }) type: 'text';

  @Text(1, 1024)
  @Rule('parameterText', isParameterText, () => 'template parameter text must not hold new lines, tabs or more than 4 spaces in a row', { context: BAD_VALUE })
  text: string;

  @IsOptional() @Matches(PARAMETER_NAME, { message: 'parameter_name must be lowercase letters, digits and underscores' }) parameter_name?: string;
}

class TemplateComponentParameters {
  @IsIn(['header', 'body'], { message: 'template.components[].type must be "header" or "body" (button parameters are not supported)' }) type: 'header' | 'body';
  @NestedList(() => TemplateParameter, 1, 100) parameters: TemplateParameter[];
}

/** `template` (Cloud API): which template, in which language, and the values of its placeholders. */
export class TemplateSendContent {
  @Matches(TEMPLATE_NAME, { message: 'template.name must be 1 to 512 lowercase letters, digits and underscores' }) name: string;
  @Nested(() => TemplateLanguage) language: TemplateLanguage;

  @OptionalNestedList(() => TemplateComponentParameters, 0, 2)
  @Rule('oneOfEach', (value) => !Array.isArray(value) || new Set(value.map((c: { type?: unknown }) => c?.type)).size === value.length, () => 'template.components may hold one header and one body entry')
  components?: TemplateComponentParameters[];
}
