CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"admin_id" integer,
	"mailbox_id" integer,
	"name" text NOT NULL,
	"access" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	"revoked_at" timestamp with time zone,
	"rate_window_started_at" timestamp with time zone,
	"rate_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_tokens_one_owner" CHECK (num_nonnulls("api_tokens"."admin_id", "api_tokens"."mailbox_id") = 1),
	CONSTRAINT "api_tokens_access" CHECK ("api_tokens"."access" in ('read', 'read_write')),
	CONSTRAINT "api_tokens_name_length" CHECK (char_length("api_tokens"."name") between 1 and 100),
	CONSTRAINT "api_tokens_rate_count" CHECK ("api_tokens"."rate_count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_admin_idx" ON "api_tokens" USING btree ("admin_id");--> statement-breakpoint
CREATE INDEX "api_tokens_mailbox_idx" ON "api_tokens" USING btree ("mailbox_id");