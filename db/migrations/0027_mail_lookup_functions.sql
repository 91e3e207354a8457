-- Postfix and Dovecot send every lookup as a new statement, which PostgreSQL plans again each time. For the
-- views that resolve alias chains and send-as grants, planning costs 1–16 ms against 0.1–0.3 ms of running
-- them (bench/RESULTS.md, the mail path at 100,000). A PL/pgSQL function keeps its statement's plan for the
-- connection, and the servers keep their connections: the rendered queries call these functions, which run
-- a generic plan from the first call (each looks rows up by an equality on the key, the same plan for any key).

-- Postfix's virtual aliases: the final destinations of an alias (mail.aliases follows chains, drops loops).
CREATE FUNCTION "mail"."alias_destinations"(p_address text)
  RETURNS SETOF text
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY SELECT a.destination::text FROM mail.aliases a WHERE a.address = p_address;
END $$;--> statement-breakpoint

-- Postfix's smtpd_sender_login_maps: who may send as an address (the account, and its send-as grants).
CREATE FUNCTION "mail"."sender_logins_of"(p_address text)
  RETURNS SETOF text
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY SELECT s.login::text FROM mail.sender_logins s WHERE s.address = p_address;
END $$;--> statement-breakpoint

-- Dovecot's passdb: the account's own password ('main') or the app password whose lookup prefix is the
-- first 8 characters typed, for one service; an app password first when both match.
CREATE FUNCTION "mail"."passdb_lookup"(p_address text, p_service text, p_prefix text)
  RETURNS TABLE ("user" text, "password" text, "allow_nets" text, "mailpanel_app_password" integer)
  LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
    SELECT p.address::text, p.password::text, p.allow_nets::text, p.app_password_id
      FROM mail.passdb p
     WHERE p.address = p_address AND p.service = p_service AND p.lookup IN ('main', p_prefix)
     ORDER BY p.lookup = 'main'
     LIMIT 1;
END $$;
