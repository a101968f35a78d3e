/**
 * The OpenAPI 3.1 document of the scheduling API, generated from the route table and its zod schemas
 * (zod 4's JSON Schema output is the dialect OpenAPI 3.1 uses). Served at /api/openapi.json.
 */
import { z } from 'zod';
import type { Route } from './routes.js';
import { ErrorBody } from './scheduling-schemas.js';

function schema(type: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(route: Route): unknown[] {
  const out: unknown[] = [];
  for (const [where, type] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!type) continue;
    const json = schema(type) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly Route[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const produces = route.produces ?? 'application/json';
    const operation: Record<string, unknown> = {
      summary: route.summary,
      operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: parameters(route),
      responses: {
        '200': { description: 'Success', content: { [produces]: { schema: produces === 'application/json' ? { type: 'object' } : { type: 'string' } } } },
        default: {
          description: 'A refusal with a code and a sentence naming the field at fault',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      ...(route.public ? { security: [] } : {}),
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schema(route.body) } } };
    (paths[route.path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hearing Room scheduling API',
      version: '1',
      description:
        'Cross-border hearing requests between two national coordinators: workflow, slots, invitations, summons and feeds; and each authority’s approved texts of rights, caution, consent, oath and affirmation. Every instant is UTC; local times are given with their IANA zone.',
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [] }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hr_coordinator' } },
      schemas: { Error: schema(ErrorBody, 'output') },
    },
    paths,
  };
}
