// Moved to db/schema/services.ts (db/ may not import lib/); re-exported for lib/, components/ and app/.
export * from '@/db/schema/services';
