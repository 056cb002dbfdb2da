-- SPDX-License-Identifier: GPL-3.0-or-later
-- `qiao server init`: prepares an office's PostgreSQL database for Qiao,
-- BEFORE the numbered migrations (001-….sql) and grants.sql run. Run it in
-- the target database as its owner (or a superuser) with CREATEROLE. It may
-- run again: every statement leaves what is already there alone.
--
-- Roles (group roles, NOLOGIN; a person logs in as a role of their own that
-- is a member of one of them — `qiao server add-user NAME --role R`):
--   qiao_admin   owns Qiao's tables, adds users (through qiao_add_user (),
--                below: not CREATEROLE, which on PostgreSQL 15 would let it
--                grant itself any role of the cluster); member of qiao_editor
--   qiao_editor  reads and changes records, the history and the settings;
--                member of qiao_viewer
--   qiao_viewer  reads records, except personal data (below); changes nothing
--
-- Personal data withheld from qiao_viewer (column privileges in grants.sql):
-- personal data in the sense of PIPL (个人信息保护法) and 152-FZ (О
-- персональных данных) that an office needs to hold but that a reader of
-- the lists and statistics does not need: how to reach a person, passport
-- identity, age, the state of their visa and insurance, free text about them.
--   student.latin_name       passport (Latin) name
--   student.birth_date       date of birth
--   student.home_city        part of the home address
--   student.email            personal contact
--   student.phone            personal contact
--   student.visa_until       visa (immigration) status
--   student.insurance_until  medical insurance status
--   student.notes            free text about the student
--   student.search_key       holds the latin_name (case-folded)
--   partner.contact_name     the partner's contact person …
--   partner.contact_email    … and how to reach them
--   partner.contact_phone
--   history_row.before       images of changed and deleted rows: hold all of
--   history_row.after        the above
-- Viewers do read the student's number, family, given and Chinese names,
-- sex, nationality, category, home partner, direction, HSK level, date of
-- consent, and every other table in full.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qiao_viewer') THEN
    CREATE ROLE qiao_viewer NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qiao_editor') THEN
    CREATE ROLE qiao_editor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qiao_admin') THEN
    CREATE ROLE qiao_admin NOLOGIN;
  ELSIF (SELECT rolcreaterole FROM pg_roles WHERE rolname = 'qiao_admin') THEN
    ALTER ROLE qiao_admin NOCREATEROLE;
  END IF;
END
$$;
COMMENT ON ROLE qiao_viewer IS 'Qiao: reads records, not personal data';
COMMENT ON ROLE qiao_editor IS 'Qiao: reads and changes records';
COMMENT ON ROLE qiao_admin IS 'Qiao: owns the schema, manages users';

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_auth_members
                 WHERE roleid = 'qiao_viewer'::regrole AND member = 'qiao_editor'::regrole) THEN
    GRANT qiao_viewer TO qiao_editor;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_auth_members
                 WHERE roleid = 'qiao_editor'::regrole AND member = 'qiao_admin'::regrole) THEN
    GRANT qiao_editor TO qiao_admin;
  END IF;
  -- The one who initialises the database runs the migrations as qiao_admin.
  IF NOT pg_has_role (current_user, 'qiao_admin', 'MEMBER') THEN
    EXECUTE format ('GRANT qiao_admin TO %I', current_user);
  END IF;
END
$$;

-- Only Qiao's roles connect; only qiao_admin creates objects.
DO $$
BEGIN
  EXECUTE format ('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database ());
  EXECUTE format ('GRANT CONNECT ON DATABASE %I TO qiao_viewer', current_database ());
  EXECUTE format ('GRANT CONNECT, TEMPORARY ON DATABASE %I TO qiao_admin', current_database ());
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Adding a user (`qiao server add-user`): the one thing qiao_admin needs
-- CREATEROLE for, done by the role that ran this file (it has CREATEROLE),
-- for Qiao's three roles only, with a SCRAM verifier the client computed
-- (the password itself never reaches the server). grants.sql leaves this
-- function's owner as it is.
CREATE OR REPLACE FUNCTION qiao_add_user (name text, verifier text, qiao_role text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF qiao_role IS NULL OR qiao_role NOT IN ('qiao_viewer', 'qiao_editor', 'qiao_admin') THEN
    RAISE EXCEPTION 'not one of Qiao''s roles: %', qiao_role USING ERRCODE = '22023';
  END IF;
  IF name IS NULL OR name = '' OR octet_length (name) > 63
     OR name LIKE 'pg\_%' OR name LIKE 'qiao\_%' THEN
    RAISE EXCEPTION 'not a user name: %', name USING ERRCODE = '22023';
  END IF;
  IF verifier IS NULL OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'a SCRAM verifier is needed, not a password' USING ERRCODE = '22023';
  END IF;
  EXECUTE format ('CREATE ROLE %I LOGIN PASSWORD %L', name, verifier);
  EXECUTE format ('GRANT %I TO %I', qiao_role, name);
END
$$;
REVOKE ALL ON FUNCTION qiao_add_user (text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION qiao_add_user (text, text, text) TO qiao_admin;
GRANT USAGE ON SCHEMA public TO qiao_viewer;
GRANT USAGE, CREATE ON SCHEMA public TO qiao_admin;
