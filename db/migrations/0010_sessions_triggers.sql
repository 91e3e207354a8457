-- Sessions end with the session version: whatever moves an admin's or a mailbox's session_version on (a
-- new password by any path, OTP turned off or reset, deactivation) deletes its rows in "sessions", so
-- the list of one's sessions shows only live ones and no path (the CLI included) can forget it.
CREATE FUNCTION "sessions_end_with_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'admins' THEN
    DELETE FROM sessions WHERE admin_id = NEW.id;
  ELSE
    DELETE FROM sessions WHERE mailbox_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "admins_sessions_end" AFTER UPDATE OF session_version ON "admins"
  FOR EACH ROW WHEN (OLD.session_version IS DISTINCT FROM NEW.session_version)
  EXECUTE FUNCTION "sessions_end_with_version"();--> statement-breakpoint
CREATE TRIGGER "mailboxes_sessions_end" AFTER UPDATE OF session_version ON "mailboxes"
  FOR EACH ROW WHEN (OLD.session_version IS DISTINCT FROM NEW.session_version)
  EXECUTE FUNCTION "sessions_end_with_version"();--> statement-breakpoint

-- API tokens end with the password: a new password hash, set by the owner, its postmaster or admin, a
-- recovery link or the CLI, revokes every live token of the account (a token made by whoever knew the
-- old password must not outlive it).
CREATE FUNCTION "api_tokens_end_with_password"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'admins' THEN
    UPDATE api_tokens SET revoked_at = now() WHERE admin_id = NEW.id AND revoked_at IS NULL;
  ELSE
    UPDATE api_tokens SET revoked_at = now() WHERE mailbox_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "admins_api_tokens_end" AFTER UPDATE OF password_hash ON "admins"
  FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION "api_tokens_end_with_password"();--> statement-breakpoint
CREATE TRIGGER "mailboxes_api_tokens_end" AFTER UPDATE OF password_hash ON "mailboxes"
  FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION "api_tokens_end_with_password"();
