import { z } from 'zod';

export const dkimKeyOut = z.object({
  selector: z.string().meta({ description: 'The key’s selector: its record is published at <selector>._domainkey.<domain>.' }),
});
