import type { Widen } from '../widen';

export const postmastersEn = {
  title: 'Postmasters',
};

export const postmastersIt: Widen<typeof postmastersEn> = {
  title: 'Postmasters',
};
