import { z } from 'zod';
import type { ToolObjectSchema, ToolParameterSchema } from '../providers/ModelProvider.ts';

/**
 * A tool's parameters for the model, derived from the zod schema that validates its arguments,
 * so what the model is told and what is enforced cannot drift apart. Keeps the subset every
 * backend understands (types, properties, required, items, enum, description); bounds stay on
 * our side, in the zod schema. Throws for a shape outside that subset, at start-up.
 */
export function toToolParameters(schema: z.ZodType): ToolObjectSchema {
  const converted = convert(z.toJSONSchema(schema), '(arguments)');
  if (!('type' in converted) || converted.type !== 'object') throw new Error('A tool takes an object of arguments.');
  return converted;
}

function convert(node: unknown, where: string): ToolParameterSchema {
  if (typeof node !== 'object' || node === null) throw new Error(`${where}: not a schema`);
  const json = node as Record<string, unknown>;
  const description = typeof json.description === 'string' ? { description: json.description } : {};
  if (Array.isArray(json.enum)) {
    if (!json.enum.every((value): value is string => typeof value === 'string')) throw new Error(`${where}: only string enums are supported`);
    return { enum: json.enum, ...description };
  }
  switch (json.type) {
    case 'string':
      return { type: 'string', ...description };
    case 'integer':
    case 'number':
    case 'boolean':
      return { type: json.type, ...description };
    case 'array':
      return { type: 'array', items: convert(json.items, `${where}[]`), ...description };
    case 'object': {
      const properties: Record<string, ToolParameterSchema> = {};
      for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, unknown>)) properties[name] = convert(property, `${where}.${name}`);
      const required = Array.isArray(json.required) ? json.required.filter((name): name is string => typeof name === 'string') : [];
      return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), ...description };
    }
    default:
      throw new Error(`${where}: type ${JSON.stringify(json.type)} is not supported in tool parameters`);
  }
}
