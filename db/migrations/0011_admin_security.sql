CREATE TABLE "panel_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"admin_otp_required" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "panel_settings_one_row" CHECK ("panel_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "sign_in_throttle" DROP CONSTRAINT "sign_in_throttle_scope";--> statement-breakpoint
ALTER TABLE "admins" ADD COLUMN "allowed_ips" "cidr"[] DEFAULT '{}'::cidr[] NOT NULL;--> statement-breakpoint
ALTER TABLE "admins" ADD CONSTRAINT "admins_allowed_ips_max" CHECK (cardinality("admins"."allowed_ips") <= 5);--> statement-breakpoint
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_scope" CHECK ("sign_in_throttle"."scope" in ('account', 'ip', 'account-ip', 'device'));