CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"allow_pop" boolean DEFAULT true NOT NULL,
	"allow_imap" boolean DEFAULT true NOT NULL,
	"allow_smtp" boolean DEFAULT true NOT NULL,
	"allow_webmail" boolean DEFAULT true NOT NULL,
	"allow_activesync" boolean DEFAULT false NOT NULL,
	"allow_dav" boolean DEFAULT false NOT NULL,
	"allow_xmpp" boolean DEFAULT false NOT NULL,
	"storage_options_bytes" bigint[] NOT NULL,
	"domain_storage_bytes" bigint NOT NULL,
	"max_accounts" integer NOT NULL,
	"default_daily_send_limit" integer NOT NULL,
	"max_daily_send_limit" integer NOT NULL,
	"allow_spam_to_inbox" boolean DEFAULT false NOT NULL,
	"user_detail_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_name_unique" UNIQUE("name"),
	CONSTRAINT "plans_name_length" CHECK (char_length("plans"."name") between 1 and 100),
	CONSTRAINT "plans_storage_options_nonempty" CHECK (cardinality("plans"."storage_options_bytes") between 1 and 20),
	CONSTRAINT "plans_storage_options_positive" CHECK (0 < all("plans"."storage_options_bytes")),
	CONSTRAINT "plans_domain_storage_positive" CHECK ("plans"."domain_storage_bytes" > 0),
	CONSTRAINT "plans_max_accounts_positive" CHECK ("plans"."max_accounts" > 0),
	CONSTRAINT "plans_send_limits" CHECK ("plans"."default_daily_send_limit" >= 0 and "plans"."default_daily_send_limit" <= "plans"."max_daily_send_limit"),
	CONSTRAINT "plans_user_detail_fields_known" CHECK ("plans"."user_detail_fields" <@ array['phone','mobile','company','department','jobTitle']::text[])
);
--> statement-breakpoint
CREATE TABLE "admins" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"otp_secret_enc" text,
	"otp_enabled_at" timestamp with time zone,
	"otp_last_step" bigint,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admins_email_lowercase" CHECK ("admins"."email" = lower("admins"."email") and char_length("admins"."email") between 3 and 254),
	CONSTRAINT "admins_role" CHECK ("admins"."role" in ('superadmin', 'admin')),
	CONSTRAINT "admins_password_bcrypt" CHECK ("admins"."password_hash" like '$2b$%'),
	CONSTRAINT "admins_language" CHECK ("admins"."language" in ('en', 'it')),
	CONSTRAINT "admins_name_length" CHECK (char_length("admins"."name") <= 200)
);
--> statement-breakpoint
CREATE TABLE "domains" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"admin_id" integer NOT NULL,
	"plan_id" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"svc_pop" boolean DEFAULT true NOT NULL,
	"svc_imap" boolean DEFAULT true NOT NULL,
	"svc_smtp" boolean DEFAULT true NOT NULL,
	"svc_webmail" boolean DEFAULT true NOT NULL,
	"svc_activesync" boolean DEFAULT false NOT NULL,
	"svc_dav" boolean DEFAULT false NOT NULL,
	"svc_xmpp" boolean DEFAULT false NOT NULL,
	"default_storage_bytes" bigint,
	"pm_can_create" boolean DEFAULT true NOT NULL,
	"pm_can_delete" boolean DEFAULT false NOT NULL,
	"pm_can_toggle" boolean DEFAULT true NOT NULL,
	"pm_can_change_limits" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "domains_name_unique" UNIQUE("name"),
	CONSTRAINT "domains_name_shape" CHECK ("domains"."name" = lower("domains"."name") and char_length("domains"."name") between 1 and 253 and "domains"."name" ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$'),
	CONSTRAINT "domains_default_storage_positive" CHECK ("domains"."default_storage_bytes" is null or "domains"."default_storage_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain_id" integer NOT NULL,
	"local_part" text NOT NULL,
	"address" text NOT NULL,
	"is_postmaster" boolean DEFAULT false NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"quota_bytes" bigint NOT NULL,
	"daily_send_limit" integer NOT NULL,
	"svc_pop" boolean DEFAULT true NOT NULL,
	"svc_imap" boolean DEFAULT true NOT NULL,
	"svc_smtp" boolean DEFAULT true NOT NULL,
	"svc_webmail" boolean DEFAULT true NOT NULL,
	"svc_activesync" boolean DEFAULT false NOT NULL,
	"svc_dav" boolean DEFAULT false NOT NULL,
	"svc_xmpp" boolean DEFAULT false NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"mobile" text DEFAULT '' NOT NULL,
	"company" text DEFAULT '' NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"job_title" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"recovery_email" text,
	"force_password_change" boolean DEFAULT false NOT NULL,
	"password_expiry_months" smallint DEFAULT 0 NOT NULL,
	"block_password_reuse" boolean DEFAULT false NOT NULL,
	"password_change_disabled" boolean DEFAULT false NOT NULL,
	"password_recovery_disabled" boolean DEFAULT false NOT NULL,
	"otp_required" boolean DEFAULT false NOT NULL,
	"otp_secret_enc" text,
	"otp_enabled_at" timestamp with time zone,
	"otp_last_step" bigint,
	"allowed_ips" "cidr"[] DEFAULT '{}'::cidr[] NOT NULL,
	"api_access" boolean DEFAULT false NOT NULL,
	"forwards" text[] DEFAULT '{}'::text[] NOT NULL,
	"forward_keep_copy" boolean DEFAULT true NOT NULL,
	"spam_to_inbox" boolean DEFAULT false NOT NULL,
	"reject_all" boolean DEFAULT false NOT NULL,
	"reject_message" text DEFAULT '' NOT NULL,
	"in_address_book" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"last_panel_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_address_key" UNIQUE("address"),
	CONSTRAINT "mailboxes_local_part_shape" CHECK ("mailboxes"."local_part" = lower("mailboxes"."local_part") and char_length("mailboxes"."local_part") between 1 and 64 and "mailboxes"."local_part" !~ '[[:space:]@]'),
	CONSTRAINT "mailboxes_address_shape" CHECK ("mailboxes"."address" = "mailboxes"."local_part" || '@' || split_part("mailboxes"."address", '@', 2)),
	CONSTRAINT "mailboxes_password_bcrypt" CHECK ("mailboxes"."password_hash" like '$2b$%'),
	CONSTRAINT "mailboxes_quota_positive" CHECK ("mailboxes"."quota_bytes" > 0),
	CONSTRAINT "mailboxes_postmaster_fixed" CHECK (not "mailboxes"."is_postmaster" or ("mailboxes"."local_part" = 'postmaster' and "mailboxes"."quota_bytes" = 52428800)),
	CONSTRAINT "mailboxes_send_limit" CHECK ("mailboxes"."daily_send_limit" >= 0),
	CONSTRAINT "mailboxes_password_expiry" CHECK ("mailboxes"."password_expiry_months" in (0, 3, 6, 12)),
	CONSTRAINT "mailboxes_language" CHECK ("mailboxes"."language" in ('en', 'it')),
	CONSTRAINT "mailboxes_allowed_ips_max" CHECK (cardinality("mailboxes"."allowed_ips") <= 5),
	CONSTRAINT "mailboxes_forwards_max" CHECK (cardinality("mailboxes"."forwards") <= 20),
	CONSTRAINT "mailboxes_text_lengths" CHECK (char_length("mailboxes"."first_name") <= 100 and char_length("mailboxes"."last_name") <= 100 and char_length("mailboxes"."description") <= 200
        and char_length("mailboxes"."phone") <= 50 and char_length("mailboxes"."mobile") <= 50 and char_length("mailboxes"."company") <= 200
        and char_length("mailboxes"."department") <= 200 and char_length("mailboxes"."job_title") <= 200 and char_length("mailboxes"."reject_message") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "autoresponders" (
	"mailbox_id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autoresponders_interval" CHECK ("autoresponders"."starts_at" is null or "autoresponders"."ends_at" is null or "autoresponders"."starts_at" < "autoresponders"."ends_at"),
	CONSTRAINT "autoresponders_lengths" CHECK (char_length("autoresponders"."subject") <= 200 and char_length("autoresponders"."body") <= 10000)
);
--> statement-breakpoint
CREATE TABLE "webmail_preferences" (
	"mailbox_id" integer PRIMARY KEY NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"date_format" text DEFAULT 'yyyy-MM-dd' NOT NULL,
	"time_format" text DEFAULT 'HH:mm' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webmail_preferences_language" CHECK ("webmail_preferences"."language" in ('en', 'it')),
	CONSTRAINT "webmail_preferences_date_format" CHECK ("webmail_preferences"."date_format" in ('yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'dd.MM.yyyy')),
	CONSTRAINT "webmail_preferences_time_format" CHECK ("webmail_preferences"."time_format" in ('HH:mm', 'h:mm a'))
);
--> statement-breakpoint
CREATE TABLE "mailbox_last_login" (
	"address" text PRIMARY KEY NOT NULL,
	"imap" bigint,
	"pop3" bigint,
	"smtp" bigint
);
--> statement-breakpoint
CREATE TABLE "mailbox_sent" (
	"address" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "mailbox_sent_address_bucket_pk" PRIMARY KEY("address","bucket"),
	CONSTRAINT "mailbox_sent_messages_nonnegative" CHECK ("mailbox_sent"."messages" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mailbox_usage" (
	"address" text PRIMARY KEY NOT NULL,
	"storage_bytes" bigint DEFAULT 0 NOT NULL,
	"messages" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_passwords" (
	"id" serial PRIMARY KEY NOT NULL,
	"mailbox_id" integer NOT NULL,
	"name" text NOT NULL,
	"protocol" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "app_passwords_protocol" CHECK ("app_passwords"."protocol" in ('imap', 'pop3', 'smtp')),
	CONSTRAINT "app_passwords_bcrypt" CHECK ("app_passwords"."password_hash" like '$2b$%')
);
--> statement-breakpoint
CREATE TABLE "one_time_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"mailbox_id" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_time_tokens_purpose" CHECK ("one_time_tokens"."purpose" in ('setup', 'password_reset')),
	CONSTRAINT "one_time_tokens_reset_has_mailbox" CHECK ("one_time_tokens"."purpose" <> 'password_reset' or "one_time_tokens"."mailbox_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"mailbox_id" integer NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "sign_in_throttle_scope_key_pk" PRIMARY KEY("scope","key"),
	CONSTRAINT "sign_in_throttle_scope" CHECK ("sign_in_throttle"."scope" in ('account', 'ip'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_admin_id" integer,
	"actor_mailbox_id" integer,
	"actor_label" text NOT NULL,
	"ip" "inet",
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"target_label" text DEFAULT '' NOT NULL,
	"domain_id" integer,
	"domain_name" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain_id" integer NOT NULL,
	"owner_admin_id" integer,
	"owner_mailbox_id" integer,
	"step" integer DEFAULT 1 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_drafts_one_owner" CHECK (num_nonnulls("account_drafts"."owner_admin_id", "account_drafts"."owner_mailbox_id") = 1),
	CONSTRAINT "account_drafts_step" CHECK ("account_drafts"."step" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "mail_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"mailbox_id" integer,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "mail_jobs_state" CHECK ("mail_jobs"."state" in ('pending', 'running', 'done', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autoresponders" ADD CONSTRAINT "autoresponders_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webmail_preferences" ADD CONSTRAINT "webmail_preferences_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailbox_last_login" ADD CONSTRAINT "mailbox_last_login_address_mailboxes_address_fk" FOREIGN KEY ("address") REFERENCES "public"."mailboxes"("address") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "mailbox_sent" ADD CONSTRAINT "mailbox_sent_address_mailboxes_address_fk" FOREIGN KEY ("address") REFERENCES "public"."mailboxes"("address") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "mailbox_usage" ADD CONSTRAINT "mailbox_usage_address_mailboxes_address_fk" FOREIGN KEY ("address") REFERENCES "public"."mailboxes"("address") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "app_passwords" ADD CONSTRAINT "app_passwords_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_admin_id_admins_id_fk" FOREIGN KEY ("actor_admin_id") REFERENCES "public"."admins"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("actor_mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_drafts" ADD CONSTRAINT "account_drafts_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_drafts" ADD CONSTRAINT "account_drafts_owner_admin_id_admins_id_fk" FOREIGN KEY ("owner_admin_id") REFERENCES "public"."admins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_drafts" ADD CONSTRAINT "account_drafts_owner_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("owner_mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_jobs" ADD CONSTRAINT "mail_jobs_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admins_email_key" ON "admins" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "admins_one_superadmin" ON "admins" USING btree ("role") WHERE "admins"."role" = 'superadmin';--> statement-breakpoint
CREATE INDEX "domains_admin_idx" ON "domains" USING btree ("admin_id","name");--> statement-breakpoint
CREATE INDEX "domains_plan_idx" ON "domains" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_domain_local_part_key" ON "mailboxes" USING btree ("domain_id","local_part");--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_one_postmaster_per_domain" ON "mailboxes" USING btree ("domain_id") WHERE "mailboxes"."is_postmaster";--> statement-breakpoint
CREATE INDEX "mailboxes_domain_address_idx" ON "mailboxes" USING btree ("domain_id","address");--> statement-breakpoint
CREATE INDEX "mailboxes_domain_quota_idx" ON "mailboxes" USING btree ("domain_id","quota_bytes","id");--> statement-breakpoint
CREATE INDEX "mailboxes_domain_active_idx" ON "mailboxes" USING btree ("domain_id","active","address");--> statement-breakpoint
CREATE INDEX "mailbox_sent_bucket_idx" ON "mailbox_sent" USING btree ("bucket");--> statement-breakpoint
CREATE INDEX "mailbox_usage_storage_idx" ON "mailbox_usage" USING btree ("storage_bytes");--> statement-breakpoint
CREATE INDEX "app_passwords_mailbox_idx" ON "app_passwords" USING btree ("mailbox_id");--> statement-breakpoint
CREATE INDEX "one_time_tokens_mailbox_idx" ON "one_time_tokens" USING btree ("mailbox_id");--> statement-breakpoint
CREATE INDEX "password_history_mailbox_idx" ON "password_history" USING btree ("mailbox_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_domain_idx" ON "audit_log" USING btree ("domain_name","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_admin_idx" ON "audit_log" USING btree ("actor_admin_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_mailbox_idx" ON "audit_log" USING btree ("actor_mailbox_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "account_drafts_expires_idx" ON "account_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "mail_jobs_due_idx" ON "mail_jobs" USING btree ("run_after") WHERE "mail_jobs"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_jobs_mailbox_open_idx" ON "mail_jobs" USING btree ("mailbox_id") WHERE "mail_jobs"."state" in ('pending', 'running', 'failed');