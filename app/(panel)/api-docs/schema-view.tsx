import type { ReactNode } from 'react';

// A JSON Schema (from the generated OpenAPI document) as nested lists a person can read: each property
// with its type, whether it is required, its limits and its description. References to named schemas
// are resolved in place (at most a few levels deep; the document's schemas are not recursive).

export type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

const MAX_DEPTH = 5;

function resolve(schema: JsonSchema, components: Components): { schema: JsonSchema; name?: string } {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : null;
  if (!ref) return { schema };
  const name = ref.replace('#/components/schemas/', '');
  return { schema: components[name] ?? {}, name };
}

/** A short type label: `string`, `integer`, `string | null`, `array of object`, `"en" | "it"`. */
export function typeLabel(input: JsonSchema, components: Components): string {
  const { schema, name } = resolve(input, components);
  if (name) return name;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map((part) => typeLabel(part, components)).join(' | ');
  if (schema.type === 'array') return `array of ${typeLabel((schema.items as JsonSchema) ?? {}, components)}`;
  if (typeof schema.type === 'string') return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  if (schema.additionalProperties !== undefined || schema.properties) return 'object';
  return 'any';
}

/** Limits worth telling: lengths, ranges, defaults, patterns. */
export function constraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (typeof schema.minLength === 'number') out.push(`min length ${schema.minLength}`);
  if (typeof schema.maxLength === 'number') out.push(`max length ${schema.maxLength}`);
  if (typeof schema.minimum === 'number' && schema.minimum > -Number.MAX_SAFE_INTEGER) out.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && schema.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${schema.maximum}`);
  if (typeof schema.maxItems === 'number') out.push(`at most ${schema.maxItems} items`);
  if (typeof schema.pattern === 'string' && schema.pattern.length <= 40) out.push(`pattern ${schema.pattern}`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

function objectOf(schema: JsonSchema, components: Components): JsonSchema | null {
  const { schema: resolved } = resolve(schema, components);
  if (resolved.properties) return resolved;
  if (resolved.type === 'array' && resolved.items) return objectOf(resolved.items as JsonSchema, components);
  if (Array.isArray(resolved.anyOf)) {
    for (const part of resolved.anyOf as JsonSchema[]) {
      const found = objectOf(part, components);
      if (found) return found;
    }
  }
  return null;
}

export function SchemaView({ schema, components, labels, depth = 0 }: { schema: JsonSchema; components: Components; labels: { required: string }; depth?: number }): ReactNode {
  const object = objectOf(schema, components);
  if (!object) return <p className="text-sm text-slate-700">{typeLabel(schema, components)}</p>;
  const properties = Object.entries((object.properties ?? {}) as Record<string, JsonSchema>);
  const required = new Set((object.required ?? []) as string[]);
  return (
    <ul className={depth === 0 ? 'space-y-2' : 'mt-2 space-y-2 border-l border-slate-200 pl-4'}>
      {properties.map(([name, property]) => {
        const limits = constraints(resolve(property, components).schema);
        const nested = depth < MAX_DEPTH ? objectOf(property, components) : null;
        return (
          <li key={name} className="text-sm">
            <code className="font-mono font-semibold text-slate-900">{name}</code>{' '}
            <span className="text-slate-600">{typeLabel(property, components)}</span>
            {required.has(name) && <span className="ml-2 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900">{labels.required}</span>}
            {limits.length > 0 && <span className="ml-2 text-xs text-slate-600">({limits.join(', ')})</span>}
            {typeof property.description === 'string' && <p className="text-slate-700">{property.description}</p>}
            {nested && <SchemaView schema={nested} components={components} labels={labels} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
