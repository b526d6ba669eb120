import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { NestedList, OptionalNested, OptionalNestedList, OptionalText, Rule, Text } from '../send-message/message-content/field-rules';
import { LANGUAGE_CODE, PARAMETER_NAME, TEMPLATE_NAME } from './template-text';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const;
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'] as const;

const isStringRows = (value: unknown) => Array.isArray(value) && value.length <= 1 && value.every((row) => Array.isArray(row) && row.length <= 100 && row.every((v) => typeof v === 'string' && v.length <= 1024));

class NamedExample {
  @Matches(PARAMETER_NAME, { message: 'param_name must be lowercase letters, digits and underscores' }) param_name: string;
  @Text(1, 1024) example: string;
}

/** Sample values (optional here: no reviewer reads them); they are stored as given, so use made-up ones. */
class ComponentExample {
  @IsOptional() @IsArray() @ArrayMaxSize(1) @IsString({ each: true }) header_text?: string[];
  @IsOptional() @Rule('exampleRows', isStringRows, () => 'example.body_text must be one list of sample strings') body_text?: string[][];
  @OptionalNestedList(() => NamedExample, 1, 100) header_text_named_params?: NamedExample[];
  @OptionalNestedList(() => NamedExample, 1, 100) body_text_named_params?: NamedExample[];
}

class TemplateButton {
  @IsIn(BUTTON_TYPES, { message: `buttons[].type must be one of ${BUTTON_TYPES.join(', ')}` }) type: (typeof BUTTON_TYPES)[number];
  @Text(1, 25) text: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'buttons[].url must be an http(s) URL' }) url?: string;
  @OptionalText(2, 20) phone_number?: string;
}

export class TemplateComponentDefinition {
  @IsIn(COMPONENT_TYPES, { message: `components[].type must be one of ${COMPONENT_TYPES.join(', ')}` }) type: (typeof COMPONENT_TYPES)[number];
  @IsOptional() @IsIn(['TEXT'], { message: 'components[].format must be TEXT (media headers come with media support)' }) format?: 'TEXT';
  @OptionalText(1, 1024) text?: string;
  @OptionalNestedList(() => TemplateButton, 1, 10) buttons?: TemplateButton[];
  @OptionalNested(() => ComponentExample) example?: ComponentExample;
}

/** `POST /{version}/{business_id}/message_templates` (Cloud API shape). Nest-free, so its rules are unit-tested. */
export class CreateTemplateRequest {
  @Matches(TEMPLATE_NAME, { message: 'name must be 1 to 512 lowercase letters, digits and underscores' }) name: string;
  @Matches(LANGUAGE_CODE, { message: 'language must be a language code such as en or en_US' }) language: string;
  @IsIn(TEMPLATE_CATEGORIES, { message: `category must be one of ${TEMPLATE_CATEGORIES.join(', ')}` }) category: (typeof TEMPLATE_CATEGORIES)[number];
  @IsOptional() @IsIn(['POSITIONAL', 'NAMED'], { message: 'parameter_format must be POSITIONAL or NAMED' }) parameter_format?: 'POSITIONAL' | 'NAMED';
  @IsOptional() @IsBoolean() allow_category_change?: boolean;
  @NestedList(() => TemplateComponentDefinition, 1, 4) components: TemplateComponentDefinition[];
}
