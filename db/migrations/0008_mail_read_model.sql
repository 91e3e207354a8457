-- The mail servers' read model: what Dovecot and Postfix may see of the panel's database, as views in their
-- own schema. The mail servers' database role (created by `npm run mail:role`, never by a migration: roles
-- belong to the whole cluster) may read these views and nothing else of the panel's tables, and write only
-- the usage, last-login and sent-counter tables (and app passwords' last use, through mail.record_login).
-- Every view is written so that the servers' lookups (one address, or one domain) stay index probes at
-- 100,000 accounts: no CTEs, no aggregates between the filter and the tables.
CREATE SCHEMA IF NOT EXISTS "mail";--> statement-breakpoint

-- An account the mail servers may log in: active, in an active domain, its password neither expired nor
-- due for a forced change. One row per enabled login service (imap, pop3, smtp: the names Dovecot's %s
-- gives them), enabled for the account, its domain and the domain's plan alike. allow_nets is NULL when
-- the account may log in from anywhere (an empty string would let nobody in). otp_on: mail clients cannot
-- type a code, so such an account logs in to the mail servers with app passwords only.
CREATE VIEW "mail"."login_services" AS
SELECT m.id AS mailbox_id,
       m.address,
       s.service,
       m.password_hash,
       nullif(array_to_string(m.allowed_ips, ','), '') AS allow_nets,
       (m.otp_required OR m.otp_enabled_at IS NOT NULL) AS otp_on
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
  JOIN plans p ON p.id = d.plan_id
  CROSS JOIN LATERAL (VALUES
    ('imap'::text, m.svc_imap AND d.svc_imap AND p.allow_imap),
    ('pop3'::text, m.svc_pop AND d.svc_pop AND p.allow_pop),
    ('smtp'::text, m.svc_smtp AND d.svc_smtp AND p.allow_smtp)
  ) AS s(service, enabled)
 WHERE s.enabled
   AND m.active
   AND d.active
   AND NOT m.force_password_change
   -- The panel's own rule (lib/auth/gate.ts): N calendar months after the last change, in UTC.
   AND (m.password_expiry_months = 0
        OR ((m.password_changed_at AT TIME ZONE 'UTC') + make_interval(months => m.password_expiry_months::integer))
           AT TIME ZONE 'UTC' > now());--> statement-breakpoint

-- Dovecot's password lookup: the candidate credentials of (address, service). `lookup` picks one row per
-- query (Dovecot's SQL passdb refuses several): 'main' for the account's own password, which only an
-- account without OTP has, or an app password's lookup prefix (the first 8 characters of the app password
-- the client typed). Passwords are bcrypt ($2b$), which Dovecot reads as BLF-CRYPT.
CREATE VIEW "mail"."passdb" AS
SELECT l.address, l.service, 'main'::text AS lookup, '{BLF-CRYPT}' || l.password_hash AS password,
       l.allow_nets, NULL::integer AS app_password_id
  FROM mail.login_services l
 WHERE NOT l.otp_on
UNION ALL
SELECT l.address, l.service, a.lookup, '{BLF-CRYPT}' || a.password_hash AS password,
       l.allow_nets, a.id AS app_password_id
  FROM mail.login_services l
  JOIN app_passwords a ON a.mailbox_id = l.mailbox_id AND a.protocol = l.service AND a.revoked_at IS NULL;--> statement-breakpoint

-- Dovecot's user lookup (delivery, quota, maintenance): every account, active or not, so that the mail
-- host can still be worked on; an inactive one gets no mail because Postfix refuses it at RCPT and no
-- login because of mail.passdb. `home` is relative to the mail root (domain/local part), quota_rule is
-- the account's storage limit.
CREATE VIEW "mail"."userdb" AS
SELECT m.address,
       d.name || '/' || m.local_part AS home,
       '*:bytes=' || m.quota_bytes AS quota_rule
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id;--> statement-breakpoint

-- Postfix: the domains this server hosts (an inactive one too: its addresses are refused by name below,
-- instead of being relayed elsewhere).
CREATE VIEW "mail"."domains" AS
SELECT d.name, d.active FROM domains d;--> statement-breakpoint

-- Postfix: the addresses that receive mail.
CREATE VIEW "mail"."mailboxes" AS
SELECT m.address
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.active AND d.active;--> statement-breakpoint

-- Postfix's virtual aliases: one row per forward target, and the address itself when a copy is kept.
-- An account without forwards has no row (its mail goes to its own mailbox).
CREATE VIEW "mail"."forwards" AS
SELECT m.address, f.destination
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
  CROSS JOIN LATERAL (
    SELECT unnest(m.forwards) AS destination
    UNION ALL
    SELECT m.address WHERE m.forward_keep_copy
  ) f
 WHERE m.active AND d.active AND cardinality(m.forwards) > 0;--> statement-breakpoint

-- Postfix's check_recipient_access: addresses refused at RCPT, with the reply text. An account that
-- rejects all mail answers with its own message (554); an inactive account or domain receives nothing.
-- The text is one line (an SMTP reply cannot hold a line break) of printable characters.
CREATE FUNCTION "mail"."smtp_text"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(btrim(regexp_replace(t, '[[:cntrl:]]+', ' ', 'g')), 400)
$$;--> statement-breakpoint
CREATE VIEW "mail"."recipient_access" AS
SELECT m.address,
       CASE
         WHEN NOT (m.active AND d.active) THEN 'REJECT 5.2.1 This mailbox is disabled'
         ELSE 'REJECT ' || coalesce(nullif(mail.smtp_text(m.reject_message), ''), 'This mailbox does not accept mail')
       END AS action
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.reject_all OR NOT (m.active AND d.active);--> statement-breakpoint

-- The daily sending limit the policy service enforces: the account's, never above its plan's maximum.
CREATE VIEW "mail"."send_limits" AS
SELECT m.address, least(m.daily_send_limit, p.max_daily_send_limit) AS daily_limit
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
  JOIN plans p ON p.id = d.plan_id;--> statement-breakpoint

-- Sieve scripts for Pigeonhole's dict storage: one script named 'active' per account that needs one. Its id
-- is the script's MD5, so it changes whenever the script does (Pigeonhole caches compiled scripts by id).
-- Spam (X-Spam-Flag: YES) goes to Junk unless the account delivers spam to its Inbox (and its plan allows
-- that); the autoresponder is a vacation action while the current time is inside its from/until interval,
-- so entering or leaving the interval changes the script and its id.
CREATE FUNCTION "mail"."sieve_string"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '"' || replace(replace(replace(t, E'\r\n', E'\n'), '\', '\\'), '"', '\"') || '"'
$$;--> statement-breakpoint
CREATE VIEW "mail"."sieve_scripts" AS
SELECT s.address, 'active'::text AS name, md5(s.script) AS id, s.script
  FROM (
    SELECT m.address,
           'require ["fileinto", "vacation"];' || E'\n'
           || CASE WHEN NOT (m.spam_to_inbox AND p.allow_spam_to_inbox)
                   THEN E'if header :contains "X-Spam-Flag" "YES" {\n  fileinto "Junk";\n  stop;\n}\n' ELSE '' END
           || CASE WHEN a.enabled AND (a.starts_at IS NULL OR a.starts_at <= now()) AND (a.ends_at IS NULL OR now() < a.ends_at)
                   THEN 'vacation :days 1'
                        || CASE WHEN a.subject <> '' THEN ' :subject ' || mail.sieve_string(mail.smtp_text(a.subject)) ELSE '' END
                        || ' ' || mail.sieve_string(CASE WHEN a.body <> '' THEN a.body ELSE a.subject END) || E';\n'
                   ELSE '' END AS script
      FROM mailboxes m
      JOIN domains d ON d.id = m.domain_id
      JOIN plans p ON p.id = d.plan_id
      LEFT JOIN autoresponders a ON a.mailbox_id = m.id
  ) s;--> statement-breakpoint

-- The mail servers' role writes mailbox_usage, mailbox_last_login and mailbox_sent; the triggers of
-- migration 0004 carry those writes over to mailboxes, which that role may not touch: they run as their
-- owner.
ALTER FUNCTION "mailbox_usage_to_mailbox"() SECURITY DEFINER SET search_path = pg_catalog, public;--> statement-breakpoint
ALTER FUNCTION "mailbox_last_login_to_mailbox"() SECURITY DEFINER SET search_path = pg_catalog, public;--> statement-breakpoint
ALTER FUNCTION "mailbox_sent_to_mailbox"() SECURITY DEFINER SET search_path = pg_catalog, public;--> statement-breakpoint

-- Dovecot's last step of every successful login (a passdb that runs only once the user is authenticated):
-- the app password's last use, and the SMTP login's time (IMAP and POP3 logins are written by Dovecot's
-- last_login plugin). Returns what that passdb needs: no password to check.
CREATE FUNCTION "mail"."record_login"(p_address text, p_service text, p_app_password text)
  RETURNS TABLE (password text, nopassword text)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_app_password ~ '^[0-9]{1,9}$' THEN
    UPDATE app_passwords a SET last_used_at = now()
      FROM mailboxes m
     WHERE a.id = p_app_password::integer AND m.id = a.mailbox_id AND m.address = p_address;
  END IF;
  IF p_service = 'smtp' THEN
    INSERT INTO mailbox_last_login (address, smtp)
      SELECT m.address, extract(epoch FROM now())::bigint FROM mailboxes m WHERE m.address = p_address
      ON CONFLICT (address) DO UPDATE SET smtp = excluded.smtp;
  END IF;
  RETURN QUERY SELECT NULL::text, 'Y'::text;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION "mail"."record_login"(text, text, text) FROM PUBLIC;
