ALTER TABLE "domains" ADD COLUMN "catch_all_mailbox_id" integer;--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "plus_addressing" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_catch_all_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("catch_all_mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Postfix's catch-all (issue 17), the last virtual_alias_maps lookup: "@domain" → the domain's chosen
-- account (its own, active, of an active domain). Postfix asks for "@domain" about every address the maps
-- did not answer by name, an account's own address too (accounts are in virtual_mailbox_maps, not here), so
-- in a domain with a catch-all every receiving account also maps to itself and keeps its own mail.
CREATE VIEW "mail"."catch_all" AS
SELECT '@' || d.name AS address, m.address AS destination
  FROM domains d
  JOIN mailboxes m ON m.id = d.catch_all_mailbox_id AND m.domain_id = d.id
 WHERE d.active AND m.active
UNION ALL
SELECT m.address, m.address
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.active AND d.active AND d.catch_all_mailbox_id IS NOT NULL;--> statement-breakpoint
-- Plus-addressing off (issue 17): Postfix's recipient_delimiter is one for the whole server, so the domains
-- that turn it off are named here and a check_recipient_access map refuses their user+tag@ at RCPT.
CREATE VIEW "mail"."plus_addressing_off" AS
SELECT d.name FROM domains d WHERE NOT d.plus_addressing;
