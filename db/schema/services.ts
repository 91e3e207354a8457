// The mail services and account constants: here so that db/ can use them without importing lib/.
// The order here is the order the panel shows services in.
export const SERVICES = ['pop', 'imap', 'smtp', 'webmail', 'activesync', 'dav', 'xmpp'] as const;
export type Service = (typeof SERVICES)[number];

// Extra user-detail fields a plan may switch on, beyond first name / last name / description.
export const USER_DETAIL_FIELDS = ['phone', 'mobile', 'company', 'department', 'jobTitle'] as const;
export type UserDetailField = (typeof USER_DETAIL_FIELDS)[number];

export const PASSWORD_EXPIRY_MONTHS = [0, 3, 6, 12] as const;
export const LANGUAGES = ['en', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MAX_ALLOWED_IPS = 5;
export const MAX_FORWARDS = 20;
export const POSTMASTER_QUOTA_BYTES = 50 * 1024 * 1024;
export const MB = 1024 * 1024;
export const GB = 1024 * MB;
