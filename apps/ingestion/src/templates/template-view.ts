import type { MessageTemplate, StoredComponent } from './message-template.schema';

/** A template as the Cloud API lists it; always APPROVED (Sealpost has no review). */
export interface TemplateView {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED';
  category: string;
  parameter_format: string;
  components: StoredComponent[];
}

export function toTemplateView(t: MessageTemplate): TemplateView {
  return { id: t._id, name: t.name, language: t.language, status: 'APPROVED', category: t.category, parameter_format: t.parameter_format, components: t.components };
}
