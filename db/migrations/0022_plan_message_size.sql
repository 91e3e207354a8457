ALTER TABLE "plans" ADD COLUMN "max_message_bytes" bigint DEFAULT 10485760 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_max_message_bytes_range" CHECK ("plans"."max_message_bytes" between 1048576 and 104857600);--> statement-breakpoint
-- Issue 18: the largest message each hosted domain's plan accepts, read by the policy service (npm run policy)
-- for the recipient's domain at RCPT and at the end of the message (and for an authenticated sender's domain).
CREATE VIEW "mail"."message_size_limits" AS
SELECT d.name AS domain, p.max_message_bytes
  FROM domains d
  JOIN plans p ON p.id = d.plan_id;
