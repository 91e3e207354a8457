CREATE INDEX "mailboxes_filter_full_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE "mailboxes"."used_bytes" * 10 >= "mailboxes"."quota_bytes" * 9;--> statement-breakpoint
CREATE INDEX "mailboxes_filter_otp_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE "mailboxes"."otp_enabled_at" is not null;--> statement-breakpoint
CREATE INDEX "mailboxes_filter_forwarding_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE cardinality("mailboxes"."forwards") > 0;--> statement-breakpoint
CREATE INDEX "mailboxes_filter_pop_off_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE not "mailboxes"."svc_pop";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_imap_off_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE not "mailboxes"."svc_imap";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_smtp_off_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE not "mailboxes"."svc_smtp";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_webmail_off_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE not "mailboxes"."svc_webmail";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_activesync_on_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE "mailboxes"."svc_activesync";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_dav_on_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE "mailboxes"."svc_dav";--> statement-breakpoint
CREATE INDEX "mailboxes_filter_xmpp_on_idx" ON "mailboxes" USING btree ("domain_id","id") WHERE "mailboxes"."svc_xmpp";--> statement-breakpoint
-- What the planner knows of the filters written as expressions (no column statistics cover them): without
-- these it guesses a third of the rows pass, and reads a rare filter's matches by walking a whole domain.
CREATE STATISTICS "mailboxes_filter_forwarding_stats" ON (cardinality("forwards")) FROM "mailboxes";--> statement-breakpoint
CREATE STATISTICS "mailboxes_filter_full_stats" ON (("used_bytes" * 10 >= "quota_bytes" * 9)) FROM "mailboxes";
