-- Mail settings that combine (issue 22).

-- Postfix asks Dovecot's quota-status whether a mailbox has room only for the addresses that store mail:
-- an account without forwards, or one that keeps a copy. One that forwards without keeping a copy stores
-- nothing, so a full mailbox must not refuse the mail it only passes on.
CREATE VIEW "mail"."quota_checked" AS
SELECT m.address
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.active AND d.active AND (cardinality(m.forwards) = 0 OR m.forward_keep_copy);
--> statement-breakpoint

-- An account that forwards without keeping a copy and has an autoresponder (on, whether or not inside
-- its interval) has its mail forwarded by its Sieve script instead of by Postfix: Postfix's virtual
-- aliases would send the message straight on, so it never reaches Dovecot, and the vacation action
-- never runs. Postfix delivers such an address to Dovecot like any mailbox; the script redirects the
-- message to each target (which cancels keeping it), then replies. Any other forward stays in Postfix.
CREATE FUNCTION "mail"."forwards_by_sieve"(forwards text[], keep_copy boolean, autoresponder_on boolean)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT cardinality(forwards) > 0 AND NOT keep_copy AND coalesce(autoresponder_on, false)
$$;--> statement-breakpoint

-- Postfix's virtual aliases (as in 0008), without the accounts whose Sieve script forwards.
CREATE OR REPLACE VIEW "mail"."forwards" AS
SELECT m.address, f.destination
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
  LEFT JOIN autoresponders a ON a.mailbox_id = m.id
  CROSS JOIN LATERAL (
    SELECT unnest(m.forwards) AS destination
    UNION ALL
    SELECT m.address WHERE m.forward_keep_copy
  ) f
 WHERE m.active AND d.active AND cardinality(m.forwards) > 0
   AND NOT mail.forwards_by_sieve(m.forwards, m.forward_keep_copy, a.enabled);--> statement-breakpoint

-- The Sieve scripts (as in 0008). For an account whose script forwards: one redirect per target first
-- (spam too, as Postfix forwards it), then, unless the message is spam the account files as such, the
-- autoresponder while inside its interval. Nothing is kept.
CREATE OR REPLACE VIEW "mail"."sieve_scripts" AS
SELECT s.address, 'active'::text AS name, md5(s.script) AS id, s.script
  FROM (
    SELECT m.address,
           'require ["fileinto", "vacation"];' || E'\n'
           || CASE WHEN mail.forwards_by_sieve(m.forwards, m.forward_keep_copy, a.enabled)
                   THEN (SELECT string_agg('redirect ' || mail.sieve_string(t.target) || E';\n', '' ORDER BY t.n)
                           FROM unnest(m.forwards) WITH ORDINALITY AS t(target, n))
                   ELSE '' END
           || CASE WHEN NOT (m.spam_to_inbox AND p.allow_spam_to_inbox)
                   THEN CASE WHEN mail.forwards_by_sieve(m.forwards, m.forward_keep_copy, a.enabled)
                             THEN E'if header :contains "X-Spam-Flag" "YES" {\n  stop;\n}\n'
                             ELSE E'if header :contains "X-Spam-Flag" "YES" {\n  fileinto "Junk";\n  stop;\n}\n' END
                   ELSE '' END
           || CASE WHEN a.enabled AND (a.starts_at IS NULL OR a.starts_at <= now()) AND (a.ends_at IS NULL OR now() < a.ends_at)
                   THEN 'vacation :days 1'
                        || CASE WHEN a.subject <> '' THEN ' :subject ' || mail.sieve_string(mail.smtp_text(a.subject)) ELSE '' END
                        || ' ' || mail.sieve_string(CASE WHEN a.body <> '' THEN a.body ELSE a.subject END) || E';\n'
                   ELSE '' END AS script
      FROM mailboxes m
      JOIN domains d ON d.id = m.domain_id
      JOIN plans p ON p.id = d.plan_id
      LEFT JOIN autoresponders a ON a.mailbox_id = m.id
  ) s;
