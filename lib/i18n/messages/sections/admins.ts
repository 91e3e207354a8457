import type { Widen } from '../widen';

export const adminsEn = {
  title: 'Admins',
};

export const adminsIt: Widen<typeof adminsEn> = {
  title: 'Admins',
};
