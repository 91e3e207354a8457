import type { Widen } from '../widen';

export const auditEn = {
  title: 'Audit',
};

export const auditIt: Widen<typeof auditEn> = {
  title: 'Audit',
};
