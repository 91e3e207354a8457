-- Mail settings that combine (issue 22).

-- Postfix asks Dovecot's quota-status whether a mailbox has room only for the addresses that store mail:
-- an account without forwards, or one that keeps a copy. One that forwards without keeping a copy stores
-- nothing, so a full mailbox must not refuse the mail it only passes on.
CREATE VIEW "mail"."quota_checked" AS
SELECT m.address
  FROM mailboxes m
  JOIN domains d ON d.id = m.domain_id
 WHERE m.active AND d.active AND (cardinality(m.forwards) = 0 OR m.forward_keep_copy);
