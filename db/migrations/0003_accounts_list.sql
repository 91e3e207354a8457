-- Substring search of the account list (a trigram GIN index). pg_trgm is a trusted extension: the
-- database owner may create it without superuser rights. The embedded database loads it in db/open.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "mailbox_counts" (
	"domain_id" integer PRIMARY KEY NOT NULL,
	"accounts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "mailbox_counts_nonnegative" CHECK ("mailbox_counts"."accounts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mailbox_sent_window" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"counted_after" timestamp with time zone NOT NULL,
	CONSTRAINT "mailbox_sent_window_singleton" CHECK ("mailbox_sent_window"."singleton")
);
--> statement-breakpoint
DROP INDEX "mailboxes_domain_active_idx";--> statement-breakpoint
DROP INDEX "mailboxes_domain_address_idx";--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "used_bytes" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "last_access_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "sent_24h" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "open_jobs" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "status_rank" smallint GENERATED ALWAYS AS (case when "open_jobs" > 0 then 0 when "active" then 1 else 2 end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower("address" || ' ' || "first_name" || ' ' || "last_name" || ' ' || "description")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox_counts" ADD CONSTRAINT "mailbox_counts_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailboxes_domain_status_idx" ON "mailboxes" USING btree ("domain_id","status_rank","id");--> statement-breakpoint
CREATE INDEX "mailboxes_domain_used_idx" ON "mailboxes" USING btree ("domain_id","used_bytes","id");--> statement-breakpoint
CREATE INDEX "mailboxes_domain_last_access_idx" ON "mailboxes" USING btree ("domain_id","last_access_at" NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "mailboxes_domain_sent_idx" ON "mailboxes" USING btree ("domain_id","sent_24h","id");--> statement-breakpoint
CREATE INDEX "mailboxes_search_trgm_idx" ON "mailboxes" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "mailboxes_domain_address_idx" ON "mailboxes" USING btree ("domain_id","address","id");