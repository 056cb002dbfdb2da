-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 8 for PostgreSQL: a large import into an empty table sets the
-- table's secondary indexes aside and builds them again, by sorting, before
-- its transaction commits (as the SQLite engine's import does). Maintained
-- row by row, the student table's thirteen indexes and its trigram index
-- cost the server three times what the rows themselves do. Dropping an
-- index needs the table's owner, qiao_admin, so an editor's import does it
-- through the two functions below, which run as their owner. Never edit
-- this file once released.
--
-- What was set aside, in the importing transaction: a rollback (an error,
-- a dry run, a client killed) undoes the DROP INDEX and these rows alike.
-- A transaction cannot commit while a row is left here (the deferred
-- trigger below), so a table is never left without its indexes.
CREATE TABLE qiao_set_aside_index (
  name        text COLLATE "C" PRIMARY KEY,
  table_name  text COLLATE "C" NOT NULL,
  position    bigint NOT NULL,
  definition  text COLLATE "C" NOT NULL
);

CREATE FUNCTION qiao_set_aside_index_check () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT FROM qiao_set_aside_index WHERE name = NEW.name) THEN
    RAISE EXCEPTION 'the index % of % was set aside and not built again', NEW.name,
      NEW.table_name USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER qiao_set_aside_index_built AFTER INSERT ON qiao_set_aside_index
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION qiao_set_aside_index_check ();

-- Sets aside the indexes of record table @target that no constraint
-- needs (its primary key and UNIQUE keys stay, and with them the checks of
-- duplicates), when the table is empty and the login role may add rows to
-- it. Holds the table's ACCESS EXCLUSIVE lock until the transaction ends:
-- nobody reads the (empty) table meanwhile. Returns how many were set
-- aside (0: none, the table has rows).
CREATE FUNCTION qiao_bulk_set_aside_indexes (target text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r record;
  has_rows boolean;
  n integer := 0;
BEGIN
  IF target NOT IN ('partner', 'agreement', 'program', 'student', 'enrollment', 'intake',
                    'teacher', 'course', 'course_member', 'exam', 'exam_sitting', 'exam_result',
                    'event') THEN
    RAISE EXCEPTION 'not a record table: %', target USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT has_table_privilege (session_user, format ('public.%I', target), 'INSERT') THEN
    RAISE EXCEPTION 'permission denied for table %', target
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  EXECUTE format ('SELECT EXISTS (SELECT FROM public.%I)', target) INTO has_rows;
  IF has_rows THEN
    RETURN 0;
  END IF;
  FOR r IN SELECT c.relname, pg_get_indexdef (i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
           WHERE i.indrelid = format ('public.%I', target)::regclass
             AND NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion
           ORDER BY c.oid LOOP
    n := n + 1;
    INSERT INTO qiao_set_aside_index (name, table_name, position, definition)
    VALUES (r.relname, target, n, r.definition);
    EXECUTE format ('DROP INDEX public.%I', r.relname);
  END LOOP;
  RETURN n;
END
$$;

-- Builds again the indexes set aside on @target, each on its own with
-- memory enough to sort a million rows; returns each index and the seconds
-- it took.
CREATE FUNCTION qiao_bulk_restore_indexes (target text)
RETURNS TABLE (index_name text, seconds double precision)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
SET maintenance_work_mem = '256MB' AS $$
DECLARE
  r record;
  started timestamptz;
BEGIN
  FOR r IN SELECT s.name, s.definition FROM qiao_set_aside_index s
           WHERE s.table_name = target ORDER BY s.position LOOP
    started := clock_timestamp ();
    EXECUTE r.definition;
    DELETE FROM qiao_set_aside_index s WHERE s.name = r.name;
    index_name := r.name;
    seconds := extract (epoch FROM clock_timestamp () - started);
    RETURN NEXT;
  END LOOP;
END
$$;

REVOKE EXECUTE ON FUNCTION qiao_bulk_set_aside_indexes (text), qiao_bulk_restore_indexes (text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qiao_bulk_set_aside_indexes (text), qiao_bulk_restore_indexes (text)
  TO qiao_editor;
