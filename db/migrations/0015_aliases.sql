CREATE TABLE "alias_targets" (
	"alias_id" integer NOT NULL,
	"address" text NOT NULL,
	CONSTRAINT "alias_targets_pkey" PRIMARY KEY("alias_id","address"),
	CONSTRAINT "alias_targets_address_shape" CHECK ("alias_targets"."address" = lower("alias_targets"."address") and char_length("alias_targets"."address") between 3 and 254 and "alias_targets"."address" ~ '^[^@[:space:]]+@[^@[:space:]]+$')
);
--> statement-breakpoint
CREATE TABLE "aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain_id" integer NOT NULL,
	"local_part" text NOT NULL,
	"address" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower("address" || ' ' || "description")) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aliases_address_key" UNIQUE("address"),
	CONSTRAINT "aliases_local_part_shape" CHECK (char_length("aliases"."local_part") between 1 and 64 and "aliases"."local_part" ~ '^[a-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&''*+/=?^_`{|}~-]+)*$'),
	CONSTRAINT "aliases_description_length" CHECK (char_length("aliases"."description") <= 200)
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "max_aliases" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "domains" ADD COLUMN "pm_can_manage_aliases" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alias_targets" ADD CONSTRAINT "alias_targets_alias_id_aliases_id_fk" FOREIGN KEY ("alias_id") REFERENCES "public"."aliases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aliases" ADD CONSTRAINT "aliases_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alias_targets_address_idx" ON "alias_targets" USING btree ("address");--> statement-breakpoint
CREATE UNIQUE INDEX "aliases_domain_local_part_key" ON "aliases" USING btree ("domain_id","local_part");--> statement-breakpoint
CREATE INDEX "aliases_domain_address_idx" ON "aliases" USING btree ("domain_id","address","id");--> statement-breakpoint
CREATE INDEX "aliases_domain_active_idx" ON "aliases" USING btree ("domain_id","active","address","id");--> statement-breakpoint
CREATE INDEX "aliases_search_trgm_idx" ON "aliases" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_max_aliases_nonnegative" CHECK ("plans"."max_aliases" >= 0);--> statement-breakpoint
-- One address space per domain (issue 17): an alias may not take an account's address, nor an account an
-- alias's. Aliases and mailboxes each keep their own unique (domain_id, local_part); across the two tables
-- both kinds of row first lock their domain's row and then look at the other table, so of two racing
-- creators the second waits for the first to end and then sees its committed row (READ COMMITTED: each
-- statement of the function takes a fresh snapshot). A row lock, not an advisory lock per address: those
-- live in the server's shared lock table, which one import or seed of 100,000 accounts filled ("out of
-- shared memory"); a row lock is kept in the row, and creating accounts locks the domain's row already.
-- A clash is a unique_violation named address_space_key. For an alias the trigger also writes the full
-- address from the domain's name.
CREATE FUNCTION "address_space_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM domains WHERE id = NEW.domain_id FOR NO KEY UPDATE;
  IF TG_TABLE_NAME = 'aliases' THEN
    NEW.address := NEW.local_part || '@' || (SELECT name FROM domains WHERE id = NEW.domain_id);
    IF EXISTS (SELECT 1 FROM mailboxes WHERE domain_id = NEW.domain_id AND local_part = NEW.local_part) THEN
      RAISE EXCEPTION 'address_space_key: % is an account''s address', NEW.address
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'address_space_key';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM aliases WHERE domain_id = NEW.domain_id AND local_part = NEW.local_part) THEN
    RAISE EXCEPTION 'address_space_key: % is an alias''s address', NEW.address
      USING ERRCODE = 'unique_violation', CONSTRAINT = 'address_space_key';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "aliases_address_space" BEFORE INSERT OR UPDATE OF domain_id, local_part ON "aliases"
  FOR EACH ROW EXECUTE FUNCTION "address_space_guard"();--> statement-breakpoint
CREATE TRIGGER "mailboxes_address_space" BEFORE INSERT OR UPDATE OF domain_id, local_part ON "mailboxes"
  FOR EACH ROW EXECUTE FUNCTION "address_space_guard"();
--> statement-breakpoint
-- Postfix (issue 17): the aliases' edges, active aliases of active domains only.
CREATE VIEW "mail"."alias_edges" AS
SELECT a.address, t.address AS destination
  FROM aliases a
  JOIN domains d ON d.id = a.domain_id
  JOIN alias_targets t ON t.alias_id = a.id
 WHERE a.active AND d.active;--> statement-breakpoint
-- Postfix's virtual aliases for aliases: each alias resolved through up to five aliases in a row (the
-- panel's chain limit) to what is not an active alias (an account, an address elsewhere, or an inactive
-- alias, which then bounces). What still names an active alias after five steps (a loop, or a chain longer
-- than the panel allows, written before the check) gives no row: such an alias is refused at RCPT as an
-- unknown address instead of Postfix expanding it until its own nesting limit. Plain joins, not a
-- recursive query, so that a lookup by address is an index scan at every step.
CREATE VIEW "mail"."aliases" AS
SELECT e1.address, r.destination
  FROM mail.alias_edges e1
  LEFT JOIN mail.alias_edges e2 ON e2.address = e1.destination
  LEFT JOIN mail.alias_edges e3 ON e3.address = e2.destination
  LEFT JOIN mail.alias_edges e4 ON e4.address = e3.destination
  LEFT JOIN mail.alias_edges e5 ON e5.address = e4.destination
  CROSS JOIN LATERAL (SELECT coalesce(e5.destination, e4.destination, e3.destination, e2.destination, e1.destination) AS destination) r
 WHERE NOT EXISTS (SELECT 1 FROM mail.alias_edges x WHERE x.address = r.destination);
