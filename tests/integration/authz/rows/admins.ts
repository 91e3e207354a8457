import { createAdminAction, setAdminActiveAction } from '@/app/(panel)/admins/actions';
import { setAdminAllowedIpsAction, setAdminOtpRequiredAction } from '@/app/(panel)/admins/security-actions';
import { eq } from 'drizzle-orm';
import { admins } from '@/db/schema';
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
  row({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminAllowedIpsAction',
    target: 'an admin nobody signs in as',
    expect: only('superadmin'),
    call: ({ world }) => setAdminAllowedIpsAction({ id: world.spareAdmin.id, allowedIps: '192.0.2.0/24' }),
  }),
  row({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminAllowedIpsAction',
    target: 'the owning admin (its own list)',
    expect: only('superadmin'),
    call: ({ world }) => setAdminAllowedIpsAction({ id: world.owningAdmin.id, allowedIps: '192.0.2.0/24' }),
  }),
  row({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminAllowedIpsAction',
    target: 'an admin that does not exist',
    expect: nobody(),
    call: () => setAdminAllowedIpsAction({ id: MISSING_ID, allowedIps: '192.0.2.0/24' }),
  }),
  // Turning it on needs the superadmin's own OTP set up: the row sets that up first.
  row({
    endpoint: 'app/(panel)/admins/security-actions.ts#setAdminOtpRequiredAction',
    target: 'the panel-wide admin OTP requirement',
    expect: only('superadmin'),
    prepare: async ({ db, world }) => {
      await db.update(admins).set({ otpEnabledAt: new Date(), otpSecretEnc: 'enrolled' }).where(eq(admins.id, world.superadmin.id));
    },
    call: () => setAdminOtpRequiredAction({ required: true }),
  }),
];
