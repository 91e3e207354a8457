CREATE TABLE "dkim_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain_id" integer NOT NULL,
	"selector" text NOT NULL,
	"algorithm" text DEFAULT 'rsa' NOT NULL,
	"private_key_enc" text NOT NULL,
	"public_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"retire_after" timestamp with time zone,
	CONSTRAINT "dkim_keys_state" CHECK ("dkim_keys"."state" in ('pending', 'active', 'retiring')),
	CONSTRAINT "dkim_keys_selector_shape" CHECK ("dkim_keys"."selector" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	CONSTRAINT "dkim_keys_private_key_encrypted" CHECK ("dkim_keys"."private_key_enc" like 'v1.%')
);
--> statement-breakpoint
CREATE TABLE "domain_dns_checks" (
	"domain_id" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domain_dns_checks_status" CHECK ("domain_dns_checks"."status" in ('ok', 'problems'))
);
--> statement-breakpoint
ALTER TABLE "mail_jobs" DROP CONSTRAINT "mail_jobs_kind";--> statement-breakpoint
ALTER TABLE "dkim_keys" ADD CONSTRAINT "dkim_keys_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_dns_checks" ADD CONSTRAINT "domain_dns_checks_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dkim_keys_domain_selector_key" ON "dkim_keys" USING btree ("domain_id","selector");--> statement-breakpoint
CREATE UNIQUE INDEX "dkim_keys_one_active" ON "dkim_keys" USING btree ("domain_id") WHERE "dkim_keys"."state" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "dkim_keys_one_pending" ON "dkim_keys" USING btree ("domain_id") WHERE "dkim_keys"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "dkim_keys_retiring_idx" ON "dkim_keys" USING btree ("retire_after") WHERE "dkim_keys"."state" = 'retiring';--> statement-breakpoint
CREATE INDEX "domain_dns_checks_checked_idx" ON "domain_dns_checks" USING btree ("checked_at");--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_kind" CHECK ("mail_jobs"."kind" in ('kick', 'kick-domain', 'delete-mail', 'delete-domain-mail', 'recalc-quota', 'dns-check', 'dkim-sync'));