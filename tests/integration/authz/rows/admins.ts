import { createAdminAction, setAdminActiveAction } from '@/app/(panel)/admins/actions';
import { MISSING_ID } from './support';
import { nobody, only, row } from './types';

const ENDPOINT = 'app/(panel)/admins/actions.ts';

export const adminRows = [
  row({
    endpoint: `${ENDPOINT}#createAdminAction`,
    target: 'a new admin',
    expect: only('superadmin'),
    call: () => createAdminAction({ email: 'newcomer@panel.example', name: 'Newcomer', passwordMode: 'generate' }),
  }),
  row({
    endpoint: `${ENDPOINT}#setAdminActiveAction`,
    target: 'an admin nobody signs in as',
    expect: only('superadmin'),
    call: ({ world }) => setAdminActiveAction(world.spareAdmin.id, false),
  }),
  row({
    endpoint: `${ENDPOINT}#setAdminActiveAction`,
    target: 'the owning admin',
    expect: only('superadmin'),
    call: ({ world }) => setAdminActiveAction(world.owningAdmin.id, false),
  }),
  // The superadmin can never be deactivated, not even by itself.
  row({
    endpoint: `${ENDPOINT}#setAdminActiveAction`,
    target: 'the superadmin',
    expect: nobody(),
    denials: ['admins.errors.superadminLocked'],
    call: ({ world }) => setAdminActiveAction(world.superadmin.id, false),
  }),
  row({
    endpoint: `${ENDPOINT}#setAdminActiveAction`,
    target: 'an admin that does not exist',
    expect: nobody(),
    call: () => setAdminActiveAction(MISSING_ID, false),
  }),
];
