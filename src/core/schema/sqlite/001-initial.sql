-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 1. Never edit this file once released: later changes
-- come as new numbered migrations (002-….sql).
--
-- Text values are NULL when empty; dates are ISO `YYYY-MM-DD` text; the
-- vocabularies are the English values the program stores. `search_key`
-- columns hold the case-folded names and codes, written by the program.

CREATE TABLE partner (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  name_en       TEXT,
  name_zh       TEXT,
  name_ru       TEXT,
  country       TEXT CHECK (country IS NULL OR country GLOB '[A-Z][A-Z]'),
  city          TEXT,
  website       TEXT,
  partner_since INTEGER CHECK (partner_since IS NULL OR partner_since BETWEEN 1900 AND 2100),
  status        TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'suspended', 'ended')),
  contact_name  TEXT,
  contact_email TEXT CHECK (contact_email IS NULL OR contact_email LIKE '%_@_%'),
  contact_phone TEXT,
  notes         TEXT,
  search_key    TEXT NOT NULL DEFAULT '',
  CHECK (coalesce(name_en, name_zh, name_ru) IS NOT NULL)
);
CREATE INDEX partner_status ON partner (status);
CREATE INDEX partner_country ON partner (country);

CREATE TABLE agreement (
  id             INTEGER PRIMARY KEY,
  partner_code   TEXT NOT NULL
                 REFERENCES partner (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  kind           TEXT NOT NULL
                 CHECK (kind IN ('mou', 'student_exchange', 'joint_program',
                                 'confucius_institute', 'studio', 'other')),
  title          TEXT,
  signed_on      TEXT CHECK (signed_on IS NULL OR date (signed_on, '+0 days') IS signed_on),
  valid_from     TEXT CHECK (valid_from IS NULL OR date (valid_from, '+0 days') IS valid_from),
  valid_until    TEXT CHECK (valid_until IS NULL OR date (valid_until, '+0 days') IS valid_until),
  inbound_quota  INTEGER CHECK (inbound_quota IS NULL OR inbound_quota BETWEEN 0 AND 100000),
  outbound_quota INTEGER CHECK (outbound_quota IS NULL OR outbound_quota BETWEEN 0 AND 100000),
  terminated_on  TEXT CHECK (terminated_on IS NULL OR date (terminated_on, '+0 days') IS terminated_on),
  document_ref   TEXT,
  notes          TEXT,
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
  UNIQUE (partner_code, kind, valid_from)
);
CREATE INDEX agreement_valid_until ON agreement (valid_until);

CREATE TABLE program (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  title_en        TEXT,
  title_zh        TEXT,
  title_ru        TEXT,
  kind            TEXT NOT NULL
                  CHECK (kind IN ('joint_degree', 'exchange', 'language_course',
                                  'studio', 'short_course')),
  field           TEXT CHECK (field IS NULL OR field GLOB '[0-9][0-9]'
                              OR field GLOB '[0-9][0-9][0-9]'
                              OR field GLOB '[0-9][0-9][0-9][0-9]'),
  level           TEXT CHECK (level IS NULL OR level IN ('none', 'certificate', 'bachelor',
                                                         'master', 'doctorate')),
  language        TEXT CHECK (language IS NULL OR language IN ('zh', 'ru', 'en', 'mixed')),
  start_year      INTEGER CHECK (start_year IS NULL OR start_year BETWEEN 1900 AND 2100),
  duration_months INTEGER CHECK (duration_months IS NULL OR duration_months BETWEEN 1 AND 240),
  capacity        INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 0 AND 1000000),
  status          TEXT NOT NULL DEFAULT 'running'
                  CHECK (status IN ('planned', 'running', 'closed')),
  notes           TEXT,
  search_key      TEXT NOT NULL DEFAULT '',
  CHECK (coalesce(title_en, title_zh, title_ru) IS NOT NULL)
);
CREATE INDEX program_status ON program (status);

-- The partners a program is run with, in the order they were given.
CREATE TABLE program_partner (
  program_id   INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
  partner_code TEXT NOT NULL
               REFERENCES partner (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  position     INTEGER NOT NULL,
  PRIMARY KEY (program_id, partner_code)
) WITHOUT ROWID;
CREATE INDEX program_partner_partner ON program_partner (partner_code);

CREATE TABLE student (
  id                INTEGER PRIMARY KEY,
  student_no        TEXT NOT NULL UNIQUE CHECK (length(trim(student_no)) > 0),
  family_name       TEXT NOT NULL,
  given_name        TEXT,
  latin_name        TEXT,
  chinese_name      TEXT,
  sex               TEXT CHECK (sex IS NULL OR sex IN ('f', 'm')),
  birth_date        TEXT CHECK (birth_date IS NULL OR date (birth_date, '+0 days') IS birth_date),
  nationality       TEXT CHECK (nationality IS NULL OR nationality GLOB '[A-Z][A-Z]'),
  home_city         TEXT,
  email             TEXT CHECK (email IS NULL OR email LIKE '%_@_%'),
  phone             TEXT,
  category          TEXT CHECK (category IS NULL OR category IN ('pupil', 'undergraduate',
                                                                 'postgraduate', 'professional',
                                                                 'teacher', 'other')),
  home_partner_code TEXT
                    REFERENCES partner (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  direction         TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'local')),
  hsk_level         INTEGER CHECK (hsk_level IS NULL OR hsk_level BETWEEN 1 AND 9),
  visa_until        TEXT CHECK (visa_until IS NULL OR date (visa_until, '+0 days') IS visa_until),
  insurance_until   TEXT CHECK (insurance_until IS NULL
                                OR date (insurance_until, '+0 days') IS insurance_until),
  consent_on        TEXT CHECK (consent_on IS NULL OR date (consent_on, '+0 days') IS consent_on),
  notes             TEXT,
  search_key        TEXT NOT NULL DEFAULT ''
);
-- Every index ends in the rowid, so (x) serves "ORDER BY x, id" pages and
-- (filter, family_name) serves a filtered list in family-name order.
CREATE INDEX student_family_name ON student (family_name);
CREATE INDEX student_latin_name ON student (latin_name);
CREATE INDEX student_home_partner ON student (home_partner_code, family_name);
CREATE INDEX student_nationality ON student (nationality, family_name);
CREATE INDEX student_direction ON student (direction, family_name);
CREATE INDEX student_visa_until ON student (visa_until) WHERE visa_until IS NOT NULL;
CREATE INDEX student_insurance_until ON student (insurance_until)
  WHERE insurance_until IS NOT NULL;
-- Queries shorter than three characters scan this compact index.
CREATE INDEX student_search_key ON student (search_key);

-- Substring search over every script: trigrams of the case-folded names.
CREATE VIRTUAL TABLE student_fts USING fts5 (
  search_key,
  content = 'student',
  content_rowid = 'id',
  tokenize = 'trigram'
);
CREATE TRIGGER student_fts_insert AFTER INSERT ON student
BEGIN
  INSERT INTO student_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER student_fts_delete AFTER DELETE ON student
BEGIN
  INSERT INTO student_fts (student_fts, rowid, search_key)
    VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER student_fts_update AFTER UPDATE OF id, search_key ON student
BEGIN
  INSERT INTO student_fts (student_fts, rowid, search_key)
    VALUES ('delete', old.id, old.search_key);
  INSERT INTO student_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE TABLE enrollment (
  id            INTEGER PRIMARY KEY,
  student_no    TEXT NOT NULL
                REFERENCES student (student_no) ON UPDATE CASCADE ON DELETE RESTRICT,
  program_code  TEXT NOT NULL
                REFERENCES program (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  academic_year INTEGER NOT NULL CHECK (academic_year BETWEEN 1900 AND 2100),
  started_on    TEXT CHECK (started_on IS NULL OR date (started_on, '+0 days') IS started_on),
  ended_on      TEXT CHECK (ended_on IS NULL OR date (ended_on, '+0 days') IS ended_on),
  status        TEXT NOT NULL DEFAULT 'enrolled'
                CHECK (status IN ('enrolled', 'completed', 'withdrawn', 'deferred')),
  notes         TEXT,
  CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on),
  UNIQUE (student_no, program_code, academic_year)
);
CREATE INDEX enrollment_program_year ON enrollment (program_code, academic_year, student_no);
CREATE INDEX enrollment_year ON enrollment (academic_year, student_no);

CREATE TABLE intake (
  id            INTEGER PRIMARY KEY,
  program_code  TEXT NOT NULL
                REFERENCES program (code) ON UPDATE CASCADE ON DELETE RESTRICT,
  academic_year INTEGER NOT NULL CHECK (academic_year BETWEEN 1900 AND 2100),
  students      INTEGER NOT NULL CHECK (students BETWEEN 0 AND 100000000),
  source        TEXT,
  UNIQUE (program_code, academic_year)
);
