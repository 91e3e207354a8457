import { z } from 'zod';
import { API_OWNER_RATE_LIMIT, API_RATE_LIMIT, API_RATE_WINDOW_SECONDS } from './authenticate';
import { isWrite, type ApiOperation } from './operation';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, type ProblemCode } from './problem';
import { problemSchema } from './schemas/problem';

// The OpenAPI 3.1 document, generated from the operations' zod schemas (never written by hand): request
// bodies and parameters from their input side, responses from their output side, JSON Schema draft
// 2020-12 (OpenAPI 3.1's own dialect). Served at /api/v1/openapi.json and rendered by /api-docs.

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};
export type OpenApiParameter = { name: string; in: 'path' | 'query'; required: boolean; description?: string; schema: JsonSchema };
export type OpenApiResponse = {
  description: string;
  headers?: Record<string, JsonSchema>;
  content?: Record<string, { schema: JsonSchema }>;
  /** The problem codes (lib/api/problem.ts) this status stands for. */
  'x-problem-types'?: ProblemCode[];
};
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  requestBody?: { required: true; description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
  security?: Record<string, string[]>[];
  'x-token-access': 'none' | 'read' | 'read_write';
};

export const API_BASE_PATH = '/api/v1';
const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Problems every authenticated operation may answer. */
const COMMON_PROBLEMS: ProblemCode[] = ['unauthorized', 'forbidden', 'rateLimited', 'unavailable'];

function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** Registers `schema` under `id` unless it already has a name there; returns its name. */
function named(registry: z.core.$ZodRegistry<{ id: string }>, schema: z.ZodType, id: string): string {
  const existing = registry.get(schema)?.id;
  if (existing) return existing;
  registry.add(schema, { id });
  return id;
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function generate(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, clean(schema as JsonSchema)]));
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function problemResponses(codes: ProblemCode[]): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(PROBLEMS[code], [...(byStatus.get(PROBLEMS[code]) ?? []), code]);
  const out: Record<string, OpenApiResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const headers: Record<string, JsonSchema> = {};
    if (status === 401) headers['WWW-Authenticate'] = { description: 'Bearer realm="mailpanel"', schema: { type: 'string' } };
    if (status === 429 || status === 503) headers['Retry-After'] = { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } };
    out[String(status)] = {
      description: `Problem: ${list.join(', ')}`,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
      'x-problem-types': list,
    };
  }
  return out;
}

export function buildOpenApiDocument(operations: readonly ApiOperation[]): OpenApiDocument {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  named(outputs, problemSchema, 'Problem');
  const bodyIds = new Map<ApiOperation, string>();
  const responseIds = new Map<ApiOperation, string>();
  for (const operation of operations) {
    if (operation.body) bodyIds.set(operation, named(inputs, operation.body, operation.bodyName ?? `${pascal(operation.id)}Request`));
    if (operation.response.schema) responseIds.set(operation, named(outputs, operation.response.schema, operation.response.schemaName ?? `${pascal(operation.id)}Response`));
  }
  const inputSchemas = generate(inputs, 'input');
  const outputSchemas = generate(outputs, 'output');
  for (const id of Object.keys(inputSchemas)) {
    if (id in outputSchemas) throw new Error(`OpenAPI: "${id}" names both a request and a response schema.`);
  }

  const paths: OpenApiDocument['paths'] = {};
  const tags: string[] = [];
  for (const operation of operations) {
    if (!tags.includes(operation.tag)) tags.push(operation.tag);
    const { response } = operation;
    const success: OpenApiResponse = { description: response.description };
    const responseId = responseIds.get(operation);
    if (responseId) success.content = { 'application/json': { schema: ref(responseId) } };
    else if (response.raw) success.content = { [response.raw.contentType]: { schema: response.raw.schema ?? { type: 'string' } } };
    const bodyId = bodyIds.get(operation);
    const problems = operation.public ? operation.errors : [...new Set([...COMMON_PROBLEMS, ...operation.errors])];
    const entry: OpenApiOperation = {
      operationId: operation.id,
      tags: [operation.tag],
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      parameters: [...parametersOf(operation.params, 'path'), ...parametersOf(operation.query, 'query')],
      ...(bodyId
        ? { requestBody: { required: true as const, content: { 'application/json': { schema: ref(bodyId) } } } }
        : operation.rawBody
          ? { requestBody: { required: true as const, description: operation.rawBody.description, content: { [operation.rawBody.contentType]: { schema: operation.rawBody.schema ?? { type: 'string' } } } } }
          : {}),
      responses: { [String(response.status)]: success, ...problemResponses(problems) },
      ...(operation.public || operation.authentication === 'accountPassword' ? { security: [] } : {}),
      'x-token-access': operation.public || operation.authentication === 'accountPassword' ? 'none' : isWrite(operation) ? 'read_write' : 'read',
    };
    const key = operation.method.toLowerCase();
    paths[operation.path] ??= {};
    if (paths[operation.path]![key]) throw new Error(`OpenAPI: ${operation.method} ${operation.path} is registered twice.`);
    paths[operation.path]![key] = entry;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'mailpanel REST API',
      version: '1.0.0',
      description: `Everything the panel does, with the same checks. Authenticate with a personal access token: "Authorization: Bearer <token>". Each token may make ${API_RATE_LIMIT} requests per ${API_RATE_WINDOW_SECONDS} seconds, and all of one owner’s tokens together ${API_OWNER_RATE_LIMIT}. A password change ends every token of the account. Errors are application/problem+json (RFC 9457).`,
    },
    jsonSchemaDialect: DIALECT,
    servers: [{ url: API_BASE_PATH }],
    security: [{ bearerAuth: [] }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...inputSchemas, ...outputSchemas },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal access token created under My settings → API tokens.' },
      },
    },
  };
}
