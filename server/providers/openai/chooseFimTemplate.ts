import { fimTemplates, type FimTemplate, type FimTemplateName } from './fimTemplates.ts';

/**
 * The FIM template for a model: the configured one, else the first whose name pattern matches
 * the model name; undefined when neither applies (the lane configuration then asks for
 * PAIRLANE_FAST_FIM_TEMPLATE).
 */
export function chooseFimTemplate(model: string, configured?: FimTemplateName): FimTemplate | undefined {
  if (configured !== undefined) return fimTemplates.find((template) => template.name === configured);
  return fimTemplates.find((template) => template.models.test(model));
}
