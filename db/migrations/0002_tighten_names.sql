ALTER TABLE "domains" DROP CONSTRAINT "domains_name_shape";--> statement-breakpoint
ALTER TABLE "mailboxes" DROP CONSTRAINT "mailboxes_local_part_shape";--> statement-breakpoint
ALTER TABLE "mailboxes" DROP CONSTRAINT "mailboxes_address_shape";--> statement-breakpoint
ALTER TABLE "domains" ADD CONSTRAINT "domains_name_shape" CHECK ("domains"."name" = lower("domains"."name") and char_length("domains"."name") between 1 and 253 and "domains"."name" ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' and "domains"."name" !~ '\.[0-9]+$');--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_local_part_shape" CHECK (char_length("mailboxes"."local_part") between 1 and 64 and "mailboxes"."local_part" ~ '^[a-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&''*+/=?^_`{|}~-]+)*$');--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_address_shape" CHECK ("mailboxes"."address" = lower("mailboxes"."address") and "mailboxes"."address" = "mailboxes"."local_part" || '@' || split_part("mailboxes"."address", '@', 2) and split_part("mailboxes"."address", '@', 2) <> '');--> statement-breakpoint
-- The mail servers look mailboxes up by address: it must be exactly local_part@<the mailbox's domain>.
CREATE FUNCTION "mailboxes_address_matches_domain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.address IS DISTINCT FROM NEW.local_part || '@' || (SELECT name FROM domains WHERE id = NEW.domain_id) THEN
    RAISE EXCEPTION 'mailboxes_address_matches_domain: % is not an address of its own domain', NEW.address
      USING ERRCODE = 'check_violation', CONSTRAINT = 'mailboxes_address_matches_domain';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
-- An AFTER constraint trigger, so that the plain CHECK constraints speak first.
CREATE CONSTRAINT TRIGGER "mailboxes_address_matches_domain" AFTER INSERT OR UPDATE OF address, local_part, domain_id ON "mailboxes"
  FOR EACH ROW EXECUTE FUNCTION "mailboxes_address_matches_domain"();
