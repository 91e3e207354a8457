import type { Widen } from '../widen';

export const domainsEn = {
  title: 'Domains',
};

export const domainsIt: Widen<typeof domainsEn> = {
  title: 'Domains',
};
