import { z } from 'zod';

/** An application/problem+json answer (RFC 9457), as lib/api/problem.ts writes it. */
export const problemSchema = z.object({
  type: z.string().meta({ description: 'A URI reference naming the kind of problem (its entry in the API reference).' }),
  title: z.string().meta({ description: 'A short summary of the kind of problem, in the caller’s language.' }),
  status: z.number().int().meta({ description: 'The HTTP status code.' }),
  detail: z.string().meta({ description: 'What went wrong in this case, in the caller’s language.' }),
  errors: z
    .array(
      z.object({
        field: z.string().meta({ description: 'The field’s dotted path in the request body (or the query parameter).' }),
        code: z.string().meta({ description: 'The message key: stable, whatever the language.' }),
        detail: z.string().meta({ description: 'The message the panel’s form would show beside the field.' }),
      }),
    )
    .optional()
    .meta({ description: 'Invalid input: one entry per field.' }),
});
