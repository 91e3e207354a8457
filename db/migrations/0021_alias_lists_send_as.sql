CREATE TABLE "alias_send_as" (
	"alias_id" integer NOT NULL,
	"mailbox_id" integer NOT NULL,
	CONSTRAINT "alias_send_as_pkey" PRIMARY KEY("alias_id","mailbox_id")
);
--> statement-breakpoint
ALTER TABLE "aliases" ADD COLUMN "senders" text DEFAULT 'anyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "alias_send_as" ADD CONSTRAINT "alias_send_as_alias_id_aliases_id_fk" FOREIGN KEY ("alias_id") REFERENCES "public"."aliases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alias_send_as" ADD CONSTRAINT "alias_send_as_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alias_send_as_mailbox_idx" ON "alias_send_as" USING btree ("mailbox_id");--> statement-breakpoint
ALTER TABLE "aliases" ADD CONSTRAINT "aliases_senders_known" CHECK ("aliases"."senders" in ('anyone', 'domain', 'members'));--> statement-breakpoint
-- Distribution lists (issue 17, point 2): the active lists that do not take mail from anyone, with their
-- rule and domain. The policy service asks at RCPT whether the envelope sender may write to one (a member
-- is a target, mail.alias_edges, or an account the list resolves to, mail.aliases).
CREATE VIEW "mail"."list_senders" AS
SELECT a.address, a.senders, d.name AS domain
  FROM aliases a
  JOIN domains d ON d.id = a.domain_id
 WHERE a.senders <> 'anyone' AND a.active AND d.active;--> statement-breakpoint
-- Send-as (issue 17, point 6): Postfix's smtpd_sender_login_maps after the accounts' own addresses. A grant
-- counts only while the alias is active and still delivers to the account (mail.aliases resolves chains),
-- so an account taken off an alias, or an alias turned off, loses the right at once.
CREATE VIEW "mail"."send_as" AS
SELECT a.address, m.address AS login
  FROM alias_send_as g
  JOIN aliases a ON a.id = g.alias_id
  JOIN mailboxes m ON m.id = g.mailbox_id
 WHERE m.active AND EXISTS (SELECT 1 FROM mail.aliases r WHERE r.address = a.address AND r.destination = m.address);--> statement-breakpoint
-- Postfix's smtpd_sender_login_maps: who owns an address as sender, its account and the send-as grants.
CREATE VIEW "mail"."sender_logins" AS
SELECT address, address AS login FROM mail.mailboxes
UNION ALL
SELECT address, login FROM mail.send_as;--> statement-breakpoint
-- A deactivated alias (or one of a deactivated domain) refuses mail at RCPT as an unknown address, also in
-- a domain with a catch-all, which would otherwise take its address as an unknown one (issue 17).
CREATE OR REPLACE VIEW "mail"."recipient_access" AS
SELECT m.address,
       CASE
         WHEN NOT (m.active AND d.active) THEN 'REJECT 5.2.1 This mailbox is disabled'
         ELSE 'REJECT ' || coalesce(nullif(mail.smtp_text(m.reject_message), ''), 'This mailbox does not accept mail')
       END AS action
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.reject_all OR NOT (m.active AND d.active)
UNION ALL
SELECT a.address, '550 5.1.1 User unknown'::text
  FROM aliases a
  JOIN domains d ON d.id = a.domain_id
 WHERE NOT (a.active AND d.active);--> statement-breakpoint
-- The catch-all's last lookup: as before, and a deactivated alias of a domain with a catch-all maps to
-- itself, so mail reaching it through another alias bounces (it is no mailbox) instead of going to the
-- catch-all account; mail sent to it directly is refused at RCPT (mail.recipient_access).
CREATE OR REPLACE VIEW "mail"."catch_all" AS
SELECT '@' || d.name AS address, m.address AS destination
  FROM domains d
  JOIN mailboxes m ON m.id = d.catch_all_mailbox_id AND m.domain_id = d.id
 WHERE d.active AND m.active
UNION ALL
SELECT m.address, m.address
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.active AND d.active AND d.catch_all_mailbox_id IS NOT NULL
UNION ALL
SELECT a.address, a.address
  FROM aliases a
  JOIN domains d ON d.id = a.domain_id
 WHERE NOT a.active AND d.active AND d.catch_all_mailbox_id IS NOT NULL;
