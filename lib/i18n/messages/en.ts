import { accountImportEn } from './sections/account-import';
import { accountsEn } from './sections/accounts';
import { accountsListEn } from './sections/accounts-list';
import { apiEn } from './sections/api';
import { adminsEn } from './sections/admins';
import { auditEn } from './sections/audit';
import { domainsEn } from './sections/domains';
import { errorPageEn } from './sections/error-page';
import { mailboxSettingsEn } from './sections/mailbox-settings';
import { plansEn } from './sections/plans';
import { postmastersEn } from './sections/postmasters';
import { recoveryEn } from './sections/recovery';
import { selfServiceEn } from './sections/self-service';
import { pageTitlesEn } from './sections/page-titles';
import { securityEn } from './sections/security';
import { wizardEn } from './sections/wizard';
import { appPasswordsEn } from './sections/app-passwords';
import { jobsEn } from './sections/jobs';
import type { Widen } from './widen';

// English is the reference catalogue: every other language must have exactly these keys.
export const en = {
  app: { name: 'mailpanel', tagline: 'Email hosting control panel' },
  common: {
    copyFailed: 'Copying did not work. Select the text and copy it by hand.',
    shownOnce: 'This is shown only now: it is not stored anywhere in clear and cannot be shown again. Copy it and hand it over safely.',
    search: 'Search',
    searchPlaceholder: 'Search…',
    showing: 'Showing {from, number, grouped}–{to, number, grouped} of {total, number, grouped}',
    noResults: 'Nothing matches.',
    previous: 'Previous',
    nextPage: 'Next',
    pagination: 'Pagination',
    perPage: 'Per page',
    actions: 'Actions',
    status: 'Status',
    active: 'Active',
    inactive: 'Inactive',
    yes: 'Yes',
    no: 'No',
    saved: 'Saved.',
    sortBy: 'Sort by {column}',
    save: 'Save',
    cancel: 'Cancel',
    back: 'Back',
    next: 'Next',
    loading: 'Working…',
    copy: 'Copy',
    copied: 'Copied',
  },
  shell: {
    mainNav: 'Main navigation',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    signedInAs: 'Signed in as {label}',
    signOut: 'Sign out',
    skipToContent: 'Skip to content',
    roles: { superadmin: 'Superadmin', admin: 'Admin', postmaster: 'Postmaster', user: 'User' },
    nav: {
      domains: 'Domains',
      postmasters: 'Postmasters',
      plans: 'Plans',
      admins: 'Admins',
      audit: 'Audit log',
      myDomain: 'My domain',
      accounts: 'Email accounts',
      mySettings: 'My settings',
    },
  },
  auth: {
    signInTitle: 'Sign in',
    signInIntro: 'Sign in with your email address and password.',
    identifier: 'Email address',
    password: 'Password',
    submit: 'Sign in',
    invalidCredentials: 'The email address or password is not correct.',
    throttled: 'Too many failed attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
    signedOut: 'You have been signed out.',
    setupDone: 'The superadmin has been created. Sign in to continue.',
  },
  setup: {
    title: 'Set up mailpanel',
    intro: 'Create the superadmin: the first administrator, who manages plans, admins and every domain.',
    name: 'Full name',
    email: 'Email address',
    password: 'Password',
    passwordHint: '12 to 72 bytes. A long passphrase is best.',
    confirmPassword: 'Repeat the password',
    submit: 'Create superadmin',
    linkUsed: 'This setup link is no longer valid.',
  },
  validation: {
    required: 'This field is required.',
    invalid: 'This value is not valid.',
    email: 'Enter a valid email address.',
    tooLong: 'At most {max, number, grouped} characters.',
    passwordTooShort: 'The password must be at least {min, number, grouped} characters long.',
    passwordTooLong: 'The password must be at most {max, number, grouped} bytes long (accented letters and symbols count as more than one).',
    passwordsDiffer: 'The two passwords are different.',
    emailTaken: 'This email address is already in use.',
  },
  errors: {
    signedOut: 'Your session has ended. Sign in again.',
    generic: 'Something went wrong. Nothing was changed; please try again.',
    notFound: 'Not found.',
    notFoundIntro: 'The page does not exist, or you do not have access to it.',
    conflict: 'Someone else saved this in the meantime. Reload the page to see their changes, then try again.',
    databaseDown: errorPageEn.databaseDown,
    goHome: 'Go to the start page',
    retry: errorPageEn.retry,
  },
  plans: plansEn,
  admins: adminsEn,
  domains: domainsEn,
  mailboxSettings: mailboxSettingsEn,
  postmasters: postmastersEn,
  security: securityEn,
  audit: auditEn,
  accountsList: accountsListEn,
  wizard: wizardEn,
  accounts: accountsEn,
  accountImport: accountImportEn,
  recovery: recoveryEn,
  selfService: selfServiceEn,
  pageTitles: pageTitlesEn,
  jobs: jobsEn,
  appPasswords: appPasswordsEn,
  errorPage: errorPageEn,
  api: apiEn,
};

export type Messages = Widen<typeof en>;
