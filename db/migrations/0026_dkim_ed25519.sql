DROP INDEX "dkim_keys_one_active";--> statement-breakpoint
DROP INDEX "dkim_keys_one_pending";--> statement-breakpoint
CREATE UNIQUE INDEX "dkim_keys_one_active" ON "dkim_keys" USING btree ("domain_id","algorithm") WHERE "dkim_keys"."state" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "dkim_keys_one_pending" ON "dkim_keys" USING btree ("domain_id","algorithm") WHERE "dkim_keys"."state" = 'pending';--> statement-breakpoint
ALTER TABLE "dkim_keys" ADD CONSTRAINT "dkim_keys_algorithm" CHECK ("dkim_keys"."algorithm" in ('rsa', 'ed25519'));