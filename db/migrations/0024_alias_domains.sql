CREATE TABLE "alias_domains" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alias_domains_name_key" UNIQUE("name"),
	CONSTRAINT "alias_domains_name_shape" CHECK ("alias_domains"."name" = lower("alias_domains"."name") and char_length("alias_domains"."name") between 1 and 253 and "alias_domains"."name" ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' and "alias_domains"."name" !~ '\.[0-9]+$')
);
--> statement-breakpoint
ALTER TABLE "alias_domains" ADD CONSTRAINT "alias_domains_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alias_domains_domain_idx" ON "alias_domains" USING btree ("domain_id","name");--> statement-breakpoint
-- One name space for hosted domains and alias domains (issue 17, point 4): an alias domain holds no
-- accounts or aliases of its own, so its name may not be a hosted domain's, nor a new domain take an alias
-- domain's name. Both kinds of row take a transaction lock on the name, then look at the other table, so
-- of two racing creators the second waits for the first and then sees its committed row (READ COMMITTED:
-- each statement of the function takes a fresh snapshot). An advisory lock per name is fine here: domains
-- are created one at a time, not by the hundred thousand (compare address_space_guard in 0015).
CREATE FUNCTION "domain_name_space_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('domain-name:' || NEW.name));
  IF TG_TABLE_NAME = 'alias_domains' THEN
    IF EXISTS (SELECT 1 FROM domains WHERE name = NEW.name) THEN
      RAISE EXCEPTION 'domain_name_space_key: % is a hosted domain', NEW.name
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'domain_name_space_key';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM alias_domains WHERE name = NEW.name) THEN
    RAISE EXCEPTION 'domain_name_space_key: % is an alias domain', NEW.name
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'domain_name_space_key';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "alias_domains_name_space" BEFORE INSERT OR UPDATE OF name ON "alias_domains"
  FOR EACH ROW EXECUTE FUNCTION "domain_name_space_guard"();--> statement-breakpoint
CREATE TRIGGER "domains_name_space" BEFORE INSERT OR UPDATE OF name ON "domains"
  FOR EACH ROW EXECUTE FUNCTION "domain_name_space_guard"();--> statement-breakpoint
-- Postfix's virtual_alias_domains: each alias domain with the hosted domain it stands for. Listed whatever
-- the domain's state: an address the next view does not answer is refused at RCPT as unknown.
CREATE VIEW "mail"."alias_domains" AS
SELECT ad.name, d.name AS domain
  FROM alias_domains ad
  JOIN domains d ON d.id = ad.domain_id;--> statement-breakpoint
-- Postfix's virtual_alias_maps for alias domains, looked up by the address's two parts (%d, %u): the
-- local part of a receiving account or an active alias of an active domain, at the alias domain → the
-- same address at the domain. Only addresses that receive: any other local part gets no row and is
-- refused at RCPT (550), so nothing is accepted that would bounce later. Index lookups at each step
-- (alias_domains by name, mailboxes and aliases by (domain_id, local_part)).
CREATE VIEW "mail"."alias_domain_addresses" AS
SELECT ad.name AS domain, m.local_part, m.address AS destination
  FROM alias_domains ad
  JOIN domains d ON d.id = ad.domain_id
  JOIN mailboxes m ON m.domain_id = ad.domain_id
 WHERE d.active AND m.active
UNION ALL
SELECT ad.name, a.local_part, a.address
  FROM alias_domains ad
  JOIN domains d ON d.id = ad.domain_id
  JOIN aliases a ON a.domain_id = ad.domain_id
 WHERE d.active AND a.active;--> statement-breakpoint
-- The catch-all (0018, 0021: a deactivated alias maps to itself) also takes the domain's alias domains:
-- "@alias" → the catch-all account.
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
 WHERE NOT a.active AND d.active AND d.catch_all_mailbox_id IS NOT NULL
UNION ALL
SELECT '@' || ad.name, m.address
  FROM alias_domains ad
  JOIN domains d ON d.id = ad.domain_id
  JOIN mailboxes m ON m.id = d.catch_all_mailbox_id AND m.domain_id = d.id
 WHERE d.active AND m.active;--> statement-breakpoint
-- Plus-addressing off (0018) holds for the domain's alias domains too.
CREATE OR REPLACE VIEW "mail"."plus_addressing_off" AS
SELECT d.name FROM domains d WHERE NOT d.plus_addressing
UNION ALL
SELECT ad.name FROM alias_domains ad JOIN domains d ON d.id = ad.domain_id WHERE NOT d.plus_addressing;--> statement-breakpoint
CREATE INDEX "aliases_domain_description_idx" ON "aliases" USING btree ("domain_id","description","address","id");
