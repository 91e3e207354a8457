-- Webmail (Roundcube): its logins reach Dovecot as service "webmail" (its own loopback port, see
-- lib/mail-servers/templates/dovecot-sql.conf.ext.tmpl), so the Webmail switch of the account, its domain
-- and its plan decides them exactly as the IMAP switch decides IMAP. Like every service it needs the
-- account's own password (no app password is made for the webmail): an account with two-step verification
-- cannot sign in to Roundcube with its password alone.
CREATE OR REPLACE VIEW "mail"."login_services" AS
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
    ('smtp'::text, m.svc_smtp AND d.svc_smtp AND p.allow_smtp),
    ('webmail'::text, m.svc_webmail AND d.svc_webmail AND p.allow_webmail)
  ) AS s(service, enabled)
 WHERE s.enabled
   AND m.active
   AND d.active
   AND NOT m.force_password_change
   -- The panel's own rule (lib/auth/gate.ts): N calendar months after the last change, in UTC.
   AND (m.password_expiry_months = 0
        OR ((m.password_changed_at AT TIME ZONE 'UTC') + make_interval(months => m.password_expiry_months::integer))
           AT TIME ZONE 'UTC' > now());--> statement-breakpoint

-- Roundcube's mailpanel plugin, at every login: the localization the panel set for the account's webmail
-- (a mailbox without a webmail_preferences row starts in its own language and time zone, as the panel
-- shows it: lib/mailboxes/settings/defaults.ts). Formats as the panel stores them (yyyy-MM-dd, HH:mm, …).
CREATE VIEW "mail"."webmail_settings" AS
SELECT m.address,
       coalesce(w.language, m.language) AS language,
       coalesce(w.time_zone, m.time_zone) AS time_zone,
       coalesce(w.date_format, 'yyyy-MM-dd') AS date_format,
       coalesce(w.time_format, 'HH:mm') AS time_format
  FROM mailboxes m
  LEFT JOIN webmail_preferences w ON w.mailbox_id = m.id;--> statement-breakpoint

-- Roundcube's company address book: the active accounts of active domains whose visibility setting keeps
-- them in it; the plugin shows a person the rows of their own domain only.
CREATE VIEW "mail"."address_book" AS
SELECT d.name AS domain,
       m.address,
       m.first_name,
       m.last_name,
       m.phone,
       m.mobile,
       m.company,
       m.department,
       m.job_title
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.in_address_book
   AND m.active
   AND d.active;
