-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 2 for PostgreSQL: indexes that keep the lists fast on
-- a million students (as sqlite/002-list-indexes.sql), and the trigram
-- indexes that stand in for SQLite's FTS5 `student_fts`. Never edit this
-- file once released. Needs the pg_trgm extension (server-init.sql).

-- A list filtered by category (and direction), in family-name order.
CREATE INDEX student_category ON student (category, family_name, id);
CREATE INDEX student_direction_category ON student (direction, category, family_name, id);

-- The family names of a search's matches, read by id.
CREATE INDEX student_id_family ON student (id, family_name);

-- Students with an enrollment in a given state (and program, year).
CREATE INDEX enrollment_status ON enrollment (status, program_code, academic_year, student_no);

-- Substring search: `haystack LIKE '%' || word || '%'` (and similarity
-- operators) use these; SQLite's substr (search_key, -N) indexes have no
-- counterpart (SQLite's negative substr () has none in PostgreSQL).
-- The tables that keep a case-folded `search_key` …
CREATE INDEX student_search_trgm ON student USING gin (search_key gin_trgm_ops);
CREATE INDEX partner_search_trgm ON partner USING gin (search_key gin_trgm_ops);
CREATE INDEX program_search_trgm ON program USING gin (search_key gin_trgm_ops);
-- … and those searched in lower () of their search columns joined by
-- spaces, exactly as qiao-store-list.c writes the expression.
CREATE INDEX agreement_search_trgm ON agreement USING gin (
  lower (coalesce (agreement.partner_code, '') || ' ' || coalesce (agreement.title, '')
         || ' ' || coalesce (agreement.document_ref, '')) gin_trgm_ops);
CREATE INDEX enrollment_search_trgm ON enrollment USING gin (
  lower (coalesce (enrollment.student_no, '') || ' ' || coalesce (enrollment.program_code, ''))
  gin_trgm_ops);
CREATE INDEX intake_search_trgm ON intake USING gin (
  lower (coalesce (intake.program_code, '') || ' ' || coalesce (intake.source, ''))
  gin_trgm_ops);
