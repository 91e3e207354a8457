/** The shape of a catalogue with every text widened to string, for the other languages to fill in. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
