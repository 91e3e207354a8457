CREATE TABLE "alias_counts" (
	"domain_id" integer PRIMARY KEY NOT NULL,
	"aliases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "alias_counts_nonnegative" CHECK ("alias_counts"."aliases" >= 0)
);
--> statement-breakpoint
ALTER TABLE "alias_counts" ADD CONSTRAINT "alias_counts_domain_id_domains_id_fk" FOREIGN KEY ("domain_id") REFERENCES "public"."domains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Aliases per domain, for the alias list's total and the plan's alias limit (issue 17): as mailbox_counts,
-- statement-level with transition tables, one upsert per domain per statement however many rows it writes.
-- Rows are taken in domain order, so two statements writing several domains lock the counters alike and
-- cannot deadlock on them. (An alias's domain never changes.)
CREATE FUNCTION "alias_counts_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO alias_counts (domain_id, aliases)
    SELECT domain_id, count(*) FROM inserted GROUP BY domain_id ORDER BY domain_id
    ON CONFLICT (domain_id) DO UPDATE SET aliases = alias_counts.aliases + excluded.aliases;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "alias_counts_on_insert" AFTER INSERT ON "aliases"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "alias_counts_on_insert"();--> statement-breakpoint
CREATE FUNCTION "alias_counts_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- When the domain itself is being deleted its count row goes with it (or already went): nothing to do.
  UPDATE alias_counts c SET aliases = greatest(0, c.aliases - d.n)
    FROM (SELECT domain_id, count(*) AS n FROM deleted GROUP BY domain_id ORDER BY domain_id) d
   WHERE c.domain_id = d.domain_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "alias_counts_on_delete" AFTER DELETE ON "aliases"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "alias_counts_on_delete"();--> statement-breakpoint
-- Recounts from the aliases (NULL: every domain): the backfill below and a repair tool.
CREATE FUNCTION "alias_counts_refresh"(p_domain_id integer DEFAULT NULL) RETURNS void LANGUAGE sql AS $$
  INSERT INTO alias_counts (domain_id, aliases)
    SELECT d.id, (SELECT count(*) FROM aliases a WHERE a.domain_id = d.id)
      FROM domains d
     WHERE p_domain_id IS NULL OR d.id = p_domain_id
     ORDER BY d.id
    ON CONFLICT (domain_id) DO UPDATE SET aliases = excluded.aliases
    WHERE alias_counts.aliases IS DISTINCT FROM excluded.aliases;
$$;--> statement-breakpoint
SELECT alias_counts_refresh();
--> statement-breakpoint
-- An alias's target at an alias domain (user@alias.example) is the domain's address it stands for
-- (user@primary.example), as Postfix delivers it: the chains of mail.aliases then go through it (an alias
-- there is followed, a loop through it gives no row), a send-as grant to the account it reaches holds
-- (mail.send_as compares the resolved destination), and a list's members include it (the policy service
-- reads mail.alias_edges and mail.aliases). One index lookup more per edge (alias_domains by name).
CREATE OR REPLACE VIEW "mail"."alias_edges" AS
SELECT a.address, coalesce(split_part(t.address, '@', 1) || '@' || pd.name, t.address) AS destination
  FROM aliases a
  JOIN domains d ON d.id = a.domain_id
  JOIN alias_targets t ON t.alias_id = a.id
  LEFT JOIN alias_domains ad ON ad.name = split_part(t.address, '@', 2)
  LEFT JOIN domains pd ON pd.id = ad.domain_id
 WHERE a.active AND d.active;
