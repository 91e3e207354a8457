import type en from './en.json';

/** The shape of a catalogue with every text widened to string, for the other languages to fill in. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English (`en.json`) is the reference catalogue: every other language has exactly its keys. */
export type Messages = Widen<typeof en>;
