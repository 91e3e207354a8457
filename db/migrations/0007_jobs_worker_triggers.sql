-- Updating now also covers failed jobs: a change whose mail-host work failed has not been applied, and it
-- stays visible (to the account's admins, with a Retry) until a retry or a later job of the same kind
-- for the same address succeeds. Same counting as migration 0004, with 'failed' among the open states.
CREATE OR REPLACE FUNCTION "mail_jobs_to_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := false;
  is_open boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_open := OLD.mailbox_id IS NOT NULL AND OLD.state IN ('pending', 'running', 'failed');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_open := NEW.mailbox_id IS NOT NULL AND NEW.state IN ('pending', 'running', 'failed');
  END IF;
  IF was_open AND is_open THEN
    IF OLD.mailbox_id = NEW.mailbox_id THEN RETURN NULL; END IF;
  END IF;
  IF was_open THEN
    UPDATE mailboxes SET open_jobs = greatest(0, open_jobs - 1) WHERE id = OLD.mailbox_id;
  END IF;
  IF is_open THEN
    UPDATE mailboxes SET open_jobs = open_jobs + 1 WHERE id = NEW.mailbox_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION "mailbox_list_refresh"(p_domain_id integer DEFAULT NULL) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  boundary timestamptz;
  changed integer := 0;
BEGIN
  PERFORM mailbox_sent_boundary();
  SELECT counted_after INTO boundary FROM mailbox_sent_window WHERE singleton FOR UPDATE;
  UPDATE mailboxes m
     SET used_bytes = f.used_bytes, last_access_at = f.last_access_at, sent_24h = f.sent_24h, open_jobs = f.open_jobs
    FROM (
      SELECT mm.id,
             coalesce(u.storage_bytes, 0) AS used_bytes,
             greatest(mm.last_panel_login_at, to_timestamp(l.imap), to_timestamp(l.pop3), to_timestamp(l.smtp)) AS last_access_at,
             coalesce(s.messages, 0)::integer AS sent_24h,
             coalesce(j.jobs, 0)::integer AS open_jobs
        FROM mailboxes mm
        LEFT JOIN mailbox_usage u ON u.address = mm.address
        LEFT JOIN mailbox_last_login l ON l.address = mm.address
        LEFT JOIN (SELECT address, sum(messages) AS messages FROM mailbox_sent WHERE bucket > boundary GROUP BY address) s
               ON s.address = mm.address
        LEFT JOIN (SELECT mailbox_id, count(*) AS jobs FROM mail_jobs WHERE state IN ('pending', 'running', 'failed') GROUP BY mailbox_id) j
               ON j.mailbox_id = mm.id
       WHERE p_domain_id IS NULL OR mm.domain_id = p_domain_id
    ) f
   WHERE m.id = f.id
     AND (m.used_bytes, m.last_access_at, m.sent_24h, m.open_jobs)
         IS DISTINCT FROM (f.used_bytes, f.last_access_at, f.sent_24h, f.open_jobs);
  GET DIAGNOSTICS changed = ROW_COUNT;
  INSERT INTO mailbox_counts (domain_id, accounts)
    SELECT d.id, (SELECT count(*) FROM mailboxes mm WHERE mm.domain_id = d.id)
      FROM domains d WHERE p_domain_id IS NULL OR d.id = p_domain_id
    ON CONFLICT (domain_id) DO UPDATE SET accounts = excluded.accounts
    WHERE mailbox_counts.accounts IS DISTINCT FROM excluded.accounts;
  RETURN changed;
END $$;--> statement-breakpoint

UPDATE mailboxes m SET open_jobs = j.jobs
  FROM (SELECT mm.id, (SELECT count(*) FROM mail_jobs WHERE mailbox_id = mm.id AND state IN ('pending', 'running', 'failed'))::integer AS jobs
          FROM mailboxes mm WHERE EXISTS (SELECT 1 FROM mail_jobs WHERE mailbox_id = mm.id)) j
 WHERE m.id = j.id AND m.open_jobs <> j.jobs;--> statement-breakpoint

-- Wakes the workers (LISTEN mail_jobs) when a job becomes due now: delivered at commit, so a worker never
-- looks before the job is visible. Several in one transaction are folded into one notification.
CREATE FUNCTION "mail_jobs_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('mail_jobs', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mail_jobs_notify" AFTER INSERT OR UPDATE OF state, run_after ON "mail_jobs"
  FOR EACH ROW WHEN (NEW.state = 'pending' AND NEW.run_after <= now())
  EXECUTE FUNCTION "mail_jobs_notify"();--> statement-breakpoint

-- At most 20 live (unrevoked) app passwords per account. The account's row is locked first, so two
-- inserts at once cannot both see 19.
CREATE FUNCTION "app_passwords_limit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live integer;
BEGIN
  PERFORM 1 FROM mailboxes WHERE id = NEW.mailbox_id FOR NO KEY UPDATE;
  SELECT count(*) INTO live FROM app_passwords
   WHERE mailbox_id = NEW.mailbox_id AND revoked_at IS NULL AND id <> NEW.id;
  IF live >= 20 THEN
    RAISE EXCEPTION 'an account has at most 20 app passwords'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'app_passwords_max', TABLE = 'app_passwords';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "app_passwords_limit" BEFORE INSERT OR UPDATE OF revoked_at, mailbox_id ON "app_passwords"
  FOR EACH ROW WHEN (NEW.revoked_at IS NULL)
  EXECUTE FUNCTION "app_passwords_limit"();
