/** Live app passwords per account: also a trigger in the database (migration 0007). */
export const APP_PASSWORD_MAX = 20;
