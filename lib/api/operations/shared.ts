import type { ProblemCode } from '../problem';

// The problems operations commonly add to the four every authenticated operation may answer.

/** Reads one row by id. */
export const READ_ONE: ProblemCode[] = ['notFound'];
/** Lists with query parameters. */
export const LIST: ProblemCode[] = ['validation'];
/** Takes a JSON body. */
export const BODY: ProblemCode[] = ['validation', 'malformed', 'tooLarge'];
/** Saves a versioned settings section of one row. */
export const SAVE: ProblemCode[] = ['notFound', 'conflict', 'refused', ...BODY];
