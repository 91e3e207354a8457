-- The account list's figures live on `mailboxes` (used_bytes, last_access_at, sent_24h, open_jobs) so that
-- each sort is an index scan of (domain_id, <column>, id). The mail servers write their own tables; these
-- triggers carry every change across, in the same transaction as the write. Each one updates a mailbox
-- only when a figure really changes, and adds or subtracts rather than recounts where two writers could
-- race (under READ COMMITTED an UPDATE that waited for a row lock re-reads the row, so `x = x + d` never
-- loses a concurrent change, where `x = (select count ...)` could).

-- Storage used: Dovecot's quota_clone upserts mailbox_usage (INSERT … ON CONFLICT (address) DO UPDATE).
CREATE FUNCTION "mailbox_usage_to_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE mailboxes SET used_bytes = 0 WHERE address = OLD.address AND used_bytes <> 0;
  ELSE
    UPDATE mailboxes SET used_bytes = NEW.storage_bytes
     WHERE address = NEW.address AND used_bytes IS DISTINCT FROM NEW.storage_bytes;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailbox_usage_to_mailbox" AFTER INSERT OR UPDATE OR DELETE ON "mailbox_usage"
  FOR EACH ROW EXECUTE FUNCTION "mailbox_usage_to_mailbox"();--> statement-breakpoint

-- Last access: Dovecot's last_login plugin upserts one epoch-seconds column per protocol; the panel's own
-- sign-ins are mailboxes.last_panel_login_at. The latest of them all, or null (never).
CREATE FUNCTION "mailbox_last_login_to_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE mailboxes SET last_access_at = last_panel_login_at
     WHERE address = OLD.address AND last_access_at IS DISTINCT FROM last_panel_login_at;
  ELSE
    UPDATE mailboxes
       SET last_access_at = greatest(last_panel_login_at, to_timestamp(NEW.imap), to_timestamp(NEW.pop3), to_timestamp(NEW.smtp))
     WHERE address = NEW.address
       AND last_access_at IS DISTINCT FROM
           greatest(last_panel_login_at, to_timestamp(NEW.imap), to_timestamp(NEW.pop3), to_timestamp(NEW.smtp));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailbox_last_login_to_mailbox" AFTER INSERT OR UPDATE OR DELETE ON "mailbox_last_login"
  FOR EACH ROW EXECUTE FUNCTION "mailbox_last_login_to_mailbox"();--> statement-breakpoint

CREATE FUNCTION "mailboxes_panel_login_to_last_access"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_access_at := greatest(
    NEW.last_panel_login_at,
    (SELECT greatest(to_timestamp(l.imap), to_timestamp(l.pop3), to_timestamp(l.smtp))
       FROM mailbox_last_login l WHERE l.address = NEW.address));
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailboxes_panel_login_to_last_access" BEFORE UPDATE OF last_panel_login_at ON "mailboxes"
  FOR EACH ROW WHEN (OLD.last_panel_login_at IS DISTINCT FROM NEW.last_panel_login_at)
  EXECUTE FUNCTION "mailboxes_panel_login_to_last_access"();--> statement-breakpoint

-- A new mailbox has no usage, logins, sent mail or jobs yet (their rows reference it, so none can exist):
-- whatever an INSERT says about the derived figures, they start from the truth.
CREATE FUNCTION "mailboxes_list_figures_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.used_bytes := 0;
  NEW.last_access_at := NEW.last_panel_login_at;
  NEW.sent_24h := 0;
  NEW.open_jobs := 0;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailboxes_list_figures_on_insert" BEFORE INSERT ON "mailboxes"
  FOR EACH ROW EXECUTE FUNCTION "mailboxes_list_figures_on_insert"();--> statement-breakpoint

-- Sent in the last 24 hours. mailbox_sent holds 5-minute buckets written by the Postfix policy service.
-- A rolling window cannot be a stored value by itself, so sent_24h is defined against a stored boundary:
--   sent_24h = sum(messages) of the mailbox's buckets with bucket > mailbox_sent_window.counted_after.
-- Writes to mailbox_sent add or subtract their difference; mailbox_sent_decay() below moves the boundary
-- up to now() - 24 hours and subtracts what aged out. The account list calls it before it reads, so what
-- it shows and sorts on is exact at that moment; anything else (a cron job, the mail host) may call it too.
-- Without a window row (an emptied table) the boundary starts at now() - 24 hours.
CREATE FUNCTION "mailbox_sent_boundary"() RETURNS timestamptz LANGUAGE plpgsql AS $$
DECLARE
  boundary timestamptz;
BEGIN
  SELECT counted_after INTO boundary FROM mailbox_sent_window WHERE singleton;
  IF boundary IS NULL THEN
    INSERT INTO mailbox_sent_window (singleton, counted_after) VALUES (true, now() - interval '24 hours')
      ON CONFLICT (singleton) DO NOTHING;
    SELECT counted_after INTO boundary FROM mailbox_sent_window WHERE singleton;
  END IF;
  RETURN boundary;
END $$;--> statement-breakpoint
CREATE FUNCTION "mailbox_sent_to_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  boundary timestamptz := mailbox_sent_boundary();
  was integer := 0;
  now_counted integer := 0;
  owner text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    owner := OLD.address;
    IF OLD.bucket > boundary THEN was := OLD.messages; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    owner := NEW.address;
    IF NEW.bucket > boundary THEN now_counted := NEW.messages; END IF;
  END IF;
  IF now_counted = was THEN RETURN NULL; END IF;
  -- An address renamed by ON UPDATE CASCADE moves its buckets along with the mailbox: only a change in
  -- the counted messages matters, and it belongs to the (new) address.
  UPDATE mailboxes SET sent_24h = greatest(0, sent_24h + now_counted - was)
   WHERE address = owner;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailbox_sent_to_mailbox" AFTER INSERT OR UPDATE OR DELETE ON "mailbox_sent"
  FOR EACH ROW EXECUTE FUNCTION "mailbox_sent_to_mailbox"();--> statement-breakpoint

-- Moves the window to now() - 24 hours. When no bucket aged out since the last move (the common case) it
-- is one probe of mailbox_sent_bucket_idx and writes nothing; otherwise it subtracts, per address, the
-- buckets that left the window, under the window row's lock (concurrent callers queue, then find the
-- work done). Returns how many mailboxes changed.
CREATE FUNCTION "mailbox_sent_decay"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  target timestamptz := now() - interval '24 hours';
  boundary timestamptz := mailbox_sent_boundary();
  changed integer := 0;
BEGIN
  IF boundary >= target OR NOT EXISTS (SELECT 1 FROM mailbox_sent WHERE bucket > boundary AND bucket <= target) THEN
    RETURN 0;
  END IF;
  SELECT counted_after INTO boundary FROM mailbox_sent_window WHERE singleton FOR UPDATE;
  IF boundary >= target THEN RETURN 0; END IF;
  UPDATE mailboxes m SET sent_24h = greatest(0, m.sent_24h - aged.messages)
    FROM (SELECT address, sum(messages)::integer AS messages FROM mailbox_sent
           WHERE bucket > boundary AND bucket <= target GROUP BY address) aged
   WHERE m.address = aged.address AND aged.messages <> 0;
  GET DIAGNOSTICS changed = ROW_COUNT;
  UPDATE mailbox_sent_window SET counted_after = target WHERE singleton;
  RETURN changed;
END $$;--> statement-breakpoint

-- Updating: a mailbox with a pending or running mail_jobs row. Counted, so that two jobs finishing or
-- starting at once cannot leave the flag wrong.
CREATE FUNCTION "mail_jobs_to_mailbox"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := false;
  is_open boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was_open := OLD.mailbox_id IS NOT NULL AND OLD.state IN ('pending', 'running');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_open := NEW.mailbox_id IS NOT NULL AND NEW.state IN ('pending', 'running');
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
CREATE TRIGGER "mail_jobs_to_mailbox" AFTER INSERT OR UPDATE OF state, mailbox_id OR DELETE ON "mail_jobs"
  FOR EACH ROW EXECUTE FUNCTION "mail_jobs_to_mailbox"();--> statement-breakpoint

-- Accounts per domain, for the list's total. Statement-level with transition tables: one upsert per domain
-- per statement, however many rows it inserts or deletes. (A domain's id never changes for a mailbox.)
CREATE FUNCTION "mailbox_counts_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO mailbox_counts (domain_id, accounts)
    SELECT domain_id, count(*) FROM inserted GROUP BY domain_id
    ON CONFLICT (domain_id) DO UPDATE SET accounts = mailbox_counts.accounts + excluded.accounts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_on_insert" AFTER INSERT ON "mailboxes"
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_counts_on_insert"();--> statement-breakpoint
CREATE FUNCTION "mailbox_counts_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- When the domain itself is being deleted its count row goes with it (or already went): nothing to do.
  UPDATE mailbox_counts c SET accounts = greatest(0, c.accounts - d.n)
    FROM (SELECT domain_id, count(*) AS n FROM deleted GROUP BY domain_id) d
   WHERE c.domain_id = d.domain_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "mailbox_counts_on_delete" AFTER DELETE ON "mailboxes"
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "mailbox_counts_on_delete"();--> statement-breakpoint

-- Recomputes the derived figures (and the per-domain counts) from their sources, set-based: the backfill
-- below, a repair tool, and the benchmark's seed (which loads the sources with triggers off). NULL: every
-- domain. Returns how many mailboxes changed.
CREATE FUNCTION "mailbox_list_refresh"(p_domain_id integer DEFAULT NULL) RETURNS integer LANGUAGE plpgsql AS $$
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
        LEFT JOIN (SELECT mailbox_id, count(*) AS jobs FROM mail_jobs WHERE state IN ('pending', 'running') GROUP BY mailbox_id) j
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

SELECT "mailbox_list_refresh"(NULL);
