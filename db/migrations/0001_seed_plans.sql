-- A sensible starting set of plans. Idempotent: a plan that already exists by name is left alone.
-- Sizes are binary: 1 GB = 1073741824 bytes, 1 TB = 1099511627776 bytes.
INSERT INTO "plans" (
	"name", "allow_pop", "allow_imap", "allow_smtp", "allow_webmail", "allow_activesync", "allow_dav", "allow_xmpp",
	"storage_options_bytes", "domain_storage_bytes", "max_accounts", "default_daily_send_limit", "max_daily_send_limit",
	"allow_spam_to_inbox", "user_detail_fields"
) VALUES
	(
		'Starter', true, true, true, true, false, false, false,
		ARRAY[1073741824, 5368709120, 10737418240]::bigint[], 53687091200, 25, 500, 1000,
		false, '{}'::text[]
	),
	(
		'Business', true, true, true, true, true, true, false,
		ARRAY[1073741824, 5368709120, 10737418240, 26843545600]::bigint[], 536870912000, 250, 1000, 5000,
		true, ARRAY['phone', 'mobile', 'company', 'department', 'jobTitle']::text[]
	),
	(
		'Enterprise', true, true, true, true, true, true, true,
		ARRAY[1073741824, 5368709120, 10737418240, 26843545600, 53687091200]::bigint[], 5497558138880, 5000, 2000, 20000,
		true, ARRAY['phone', 'mobile', 'company', 'department', 'jobTitle']::text[]
	)
ON CONFLICT ("name") DO NOTHING;
