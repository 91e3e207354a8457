ALTER TABLE "app_passwords" ADD COLUMN "lookup" text;--> statement-breakpoint
-- An app password stored before this migration has no lookup, nor a secret to derive one from, so it could
-- never be found again: it is revoked, with a lookup of its own (distinct, in the shape checked below) and a
-- name the new check accepts. Without this, NOT NULL failed on any database with such a row.
UPDATE "app_passwords" SET "lookup" = translate(substr(md5('app-password-' || "id"), 1, 8), '01', 'xy'), "revoked_at" = coalesce("revoked_at", now()), "name" = coalesce(nullif(btrim(left(btrim("name"), 60)), ''), 'App password');--> statement-breakpoint
ALTER TABLE "app_passwords" ALTER COLUMN "lookup" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD COLUMN "domain_id" integer;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD COLUMN "locked_by" text;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "app_passwords_lookup_key" ON "app_passwords" USING btree ("mailbox_id","lookup");--> statement-breakpoint
CREATE UNIQUE INDEX "app_passwords_live_name_key" ON "app_passwords" USING btree ("mailbox_id",lower("name")) WHERE "app_passwords"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "mail_jobs_lease_idx" ON "mail_jobs" USING btree ("locked_until") WHERE "mail_jobs"."state" = 'running';--> statement-breakpoint
CREATE INDEX "mail_jobs_domain_open_idx" ON "mail_jobs" USING btree ("domain_id","id") WHERE "mail_jobs"."state" in ('pending', 'running', 'failed');--> statement-breakpoint
CREATE INDEX "mail_jobs_address_open_idx" ON "mail_jobs" USING btree ("address","kind") WHERE "mail_jobs"."state" in ('pending', 'running', 'failed');--> statement-breakpoint
CREATE INDEX "mail_jobs_finished_idx" ON "mail_jobs" USING btree ("finished_at") WHERE "mail_jobs"."state" = 'done';--> statement-breakpoint
ALTER TABLE "app_passwords" ADD CONSTRAINT "app_passwords_name_length" CHECK (char_length("app_passwords"."name") between 1 and 60 and "app_passwords"."name" = btrim("app_passwords"."name"));--> statement-breakpoint
ALTER TABLE "app_passwords" ADD CONSTRAINT "app_passwords_lookup_shape" CHECK ("app_passwords"."lookup" ~ '^[a-z2-9]{8}$');--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_kind" CHECK ("mail_jobs"."kind" in ('kick', 'kick-domain', 'delete-mail', 'delete-domain-mail', 'recalc-quota'));--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_attempts" CHECK ("mail_jobs"."attempts" >= 0);--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_text_lengths" CHECK (char_length("mail_jobs"."address") <= 320 and char_length("mail_jobs"."last_error") <= 2000 and char_length("mail_jobs"."note") <= 2000);