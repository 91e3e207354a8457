import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import type { OpenApiDocument } from '@/lib/api/openapi';
import { openApiDocument } from '@/lib/api/registry';

// Every answer a test gets from the API is checked against the OpenAPI document the API serves: the
// status must be one the operation documents, the content type the documented one, and the body must
// validate against the documented schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(document: OpenApiDocument, schema: Record<string, unknown>): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document as unknown as Record<string, unknown>, 'openapi');
  }
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    const ref = typeof schema.$ref === 'string' ? schema.$ref : null;
    validate = ref ? ajv.getSchema(`openapi${ref}`) : ajv.compile(schema);
    if (!validate) throw new Error(`No schema at ${ref}`);
    compiled.set(key, validate);
  }
  return validate;
}

/** The documented operation for a method and a path template, or undefined. */
export function documentedOperation(method: string, template: string) {
  return openApiDocument().paths[template]?.[method.toLowerCase()];
}

/** Fails the test unless `response` is what the document says `method template` may answer. */
export async function expectDocumented(method: string, template: string, response: Response): Promise<unknown> {
  const document = openApiDocument();
  const operation = documentedOperation(method, template);
  expect(operation, `${method} ${template} is not in the OpenAPI document`).toBeDefined();
  const documented = operation!.responses[String(response.status)];
  expect(documented, `${method} ${template} answered ${response.status}, which the document does not list`).toBeDefined();
  const text = await response.clone().text();
  if (!documented!.content) {
    expect(text, `${method} ${template} ${response.status} must have no body`).toBe('');
    return undefined;
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const media = documented!.content[contentType];
  expect(media, `${method} ${template} ${response.status} answered ${contentType}, documented: ${Object.keys(documented!.content).join(', ')}`).toBeDefined();
  if (!contentType.endsWith('json')) return text;
  const body = JSON.parse(text) as unknown;
  const validate = validatorFor(document, media!.schema);
  const valid = validate(body);
  expect(valid, `${method} ${template} ${response.status}: ${JSON.stringify(validate.errors, null, 1)}\n${text.slice(0, 2000)}`).toBe(true);
  return body;
}
