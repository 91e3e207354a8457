import { z } from 'zod';

export const dkimKeyOut = z.object({
  algorithm: z.enum(['rsa', 'ed25519']),
  selector: z.string().meta({ description: 'The key’s selector: its record is published at <selector>._domainkey.<domain>.' }),
});

/** Which of the domain's two signatures: RSA (every domain's) or ed25519 (a second one, if chosen). */
export const dkimAlgorithm = z.enum(['rsa', 'ed25519'], { error: 'validation.invalid' });

export const dkimAlgorithmQuery = z.object({
  algorithm: dkimAlgorithm.default('rsa').meta({
    description: 'rsa (default): the domain’s RSA 2048 key. ed25519: a second key (RFC 8463); once active, mail is signed with both.',
  }),
});

export const stopEd25519Out = z.object({
  stopped: z.boolean().meta({ description: 'false when the domain did not sign with ed25519 (nothing changed).' }),
});
