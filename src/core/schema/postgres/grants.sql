-- SPDX-License-Identifier: GPL-3.0-or-later
-- The privileges of Qiao's roles (server-init.sql says who they are and
-- which personal data viewers do not see). Run AFTER the migrations, each
-- time they ran, as qiao_admin (or a superuser); it may run again. It first
-- takes back every privilege and then gives exactly these, so a column
-- that becomes personal later is withheld by changing the lists below.
-- Tables with personal data grant viewers a list of ALLOWED columns: a
-- column a later migration adds stays hidden from viewers until it is
-- added here (a WARNING names it).

-- Qiao's objects belong to qiao_admin (when the migrations ran as someone
-- else); the extension's functions stay as they are.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid, c.relname, c.relkind FROM pg_class c
           WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm')
             AND c.relowner <> 'qiao_admin'::regrole
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                             AND d.objid = c.oid AND d.deptype = 'e') LOOP
    EXECUTE format ('ALTER TABLE %I OWNER TO qiao_admin', r.relname);
  END LOOP;
  FOR r IN SELECT p.oid FROM pg_proc p
           WHERE p.pronamespace = 'public'::regnamespace
             AND p.proname <> 'qiao_add_user'   -- runs as the role that may create roles
             AND p.proowner <> 'qiao_admin'::regrole
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                             AND d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format ('ALTER ROUTINE %s OWNER TO qiao_admin', r.oid::regprocedure);
  END LOOP;
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, qiao_viewer, qiao_editor;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, qiao_viewer, qiao_editor;
GRANT ALL ON ALL TABLES IN SCHEMA public TO qiao_admin;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO qiao_admin;

-- Editors: the records, the settings, and the history (append, and the
-- retention purge of history_row; the triggers refuse anything else).
GRANT SELECT, INSERT, UPDATE, DELETE
  ON partner, agreement, program, program_partner, student, enrollment, intake, setting
  TO qiao_editor;
-- The Confucius Institute's records (006-institute.sql).
GRANT SELECT, INSERT, UPDATE, DELETE
  ON teacher, course, course_member, exam, exam_sitting, exam_result, event
  TO qiao_editor;
GRANT SELECT, INSERT ON history_operation TO qiao_editor;
GRANT SELECT, INSERT, UPDATE ON history_row TO qiao_editor;
GRANT SELECT ON qiao_meta TO qiao_editor;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO qiao_editor;

-- Viewers: whole tables without personal data …
GRANT SELECT ON agreement, program, program_partner, enrollment, intake, setting,
  history_operation, qiao_meta TO qiao_viewer;
GRANT SELECT ON course, course_member, exam, exam_sitting, exam_result, event TO qiao_viewer;

-- … and the allowed columns of those with it.
DO $$
DECLARE
  allowed CONSTANT jsonb := '{
    "student": ["id", "student_no", "family_name", "given_name", "chinese_name", "sex",
                "nationality", "category", "home_partner_code", "direction", "hsk_level",
                "consent_on", "operation_id", "version", "family_name_sort", "given_name_sort",
                "chinese_name_sort"],
    "partner": ["id", "code", "name_en", "name_zh", "name_ru", "country", "city", "website",
                "partner_since", "status", "notes", "search_key", "operation_id", "version",
                "code_sort"],
    "history_row": ["id", "operation_id", "table_name", "row_id", "record_key", "action",
                    "origin_id"],
    "teacher": ["id", "teacher_no", "family_name", "given_name", "chinese_name", "kind",
                "home_partner_code", "home_university", "arrived_on", "contract_until",
                "subjects", "consent_on", "operation_id", "version", "teacher_no_sort"]
  }';
  withheld CONSTANT jsonb := '{
    "student": ["latin_name", "birth_date", "home_city", "email", "phone", "visa_until",
                "insurance_until", "notes", "search_key", "latin_name_sort"],
    "partner": ["contact_name", "contact_email", "contact_phone"],
    "history_row": ["before", "after"],
    "teacher": ["latin_name", "visa_until", "email", "phone", "notes", "search_key"]
  }';
  t text;
  columns text;
  unknown text;
BEGIN
  FOR t IN SELECT jsonb_object_keys (allowed) LOOP
    SELECT string_agg (quote_ident (a.attname), ', ' ORDER BY a.attnum)
      INTO columns
      FROM pg_attribute a
      WHERE a.attrelid = format ('public.%I', t)::regclass AND a.attnum > 0
        AND NOT a.attisdropped AND allowed -> t ? a.attname;
    EXECUTE format ('GRANT SELECT (%s) ON %I TO qiao_viewer', columns, t);
    FOR unknown IN SELECT a.attname FROM pg_attribute a
                   WHERE a.attrelid = format ('public.%I', t)::regclass AND a.attnum > 0
                     AND NOT a.attisdropped AND NOT allowed -> t ? a.attname
                     AND NOT withheld -> t ? a.attname LOOP
      RAISE WARNING 'grants.sql: %.% is hidden from qiao_viewer: list it as allowed or withheld',
        t, unknown;
    END LOOP;
  END LOOP;
END
$$;
