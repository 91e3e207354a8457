import type { Widen } from '../widen';

export const plansEn = {
  title: 'Plans',
};

export const plansIt: Widen<typeof plansEn> = {
  title: 'Plans',
};
