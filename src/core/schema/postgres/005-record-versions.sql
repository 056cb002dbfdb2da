-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 5 for PostgreSQL: every record carries a version, 1
-- when it is added (as sqlite/005-record-versions.sql): the program writes
-- `version = version + 1` with each change and refuses a change whose
-- version is not the one it read. Never edit this file once released.
ALTER TABLE partner ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE agreement ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE program ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE student ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE enrollment ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE intake ADD COLUMN version bigint NOT NULL DEFAULT 1;

-- Other people's changes: after each statement that changed a record table
-- (or wrote the history), one notification on channel `qiao_changed` whose
-- payload is the table's name. Statement level, so that an import of a
-- million rows sends one; PostgreSQL sends it at commit, and only once per
-- transaction and table.
CREATE FUNCTION qiao_notify () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('qiao_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
CREATE TRIGGER partner_notify AFTER INSERT OR UPDATE OR DELETE ON partner
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER agreement_notify AFTER INSERT OR UPDATE OR DELETE ON agreement
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER program_notify AFTER INSERT OR UPDATE OR DELETE ON program
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER student_notify AFTER INSERT OR UPDATE OR DELETE ON student
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER enrollment_notify AFTER INSERT OR UPDATE OR DELETE ON enrollment
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER intake_notify AFTER INSERT OR UPDATE OR DELETE ON intake
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();
CREATE TRIGGER history_operation_notify AFTER INSERT ON history_operation
FOR EACH STATEMENT EXECUTE FUNCTION qiao_notify ();

-- Who and when, from the server: the login role (not a role it SET ROLE to)
-- and the server's clock (UTC, the text form of made_at), so that
-- operations from machines whose clocks differ still sort and purge right.
-- The program may leave both out of its INSERT on this engine.
ALTER TABLE history_operation ALTER COLUMN made_by SET DEFAULT session_user;
ALTER TABLE history_operation ALTER COLUMN made_at
  SET DEFAULT to_char (statement_timestamp () AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

-- … and not what an editor's program says: a person could otherwise write
-- an operation in someone else's name or date one back to have the
-- retention purge empty images early. An administrator's insert keeps
-- them (`qiao copy` moves an office's history as it was).
CREATE FUNCTION qiao_history_stamp () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_has_role (session_user, 'qiao_admin', 'MEMBER') THEN
    NEW.made_by := session_user;
    NEW.made_at := to_char (statement_timestamp () AT TIME ZONE 'UTC',
                            'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER history_operation_stamp BEFORE INSERT ON history_operation
FOR EACH ROW EXECUTE FUNCTION qiao_history_stamp ();
