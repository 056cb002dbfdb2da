-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 18 for PostgreSQL, as sqlite/018-code-order.sql:
-- codes sort as people read them, each run of digits by its value
-- ("GC1-2024-2" before "GC1-2024-10"). Each code column keeps its sort key
-- beside it, text COLLATE "C" (compared byte by byte, whatever the
-- database's collation), computed by the program (qiao-collate.c:
-- qiao_collate_code_key ()) and written with every change of the record;
-- the program's step (qiao-database-migrate.c) fills the keys of the rows
-- already stored before the statements after the line "After the
-- program's step" build the indexes once. The list indexes that held the
-- codes' order hold the keys instead (same index names), with the id the
-- list's ORDER BY ends with. Written to run again (IF NOT EXISTS): the
-- search-key tests take a database back to an older version. Never edit
-- this file once released.

ALTER TABLE partner ADD COLUMN IF NOT EXISTS code_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';
ALTER TABLE program ADD COLUMN IF NOT EXISTS code_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';
ALTER TABLE teacher ADD COLUMN IF NOT EXISTS teacher_no_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';
ALTER TABLE course ADD COLUMN IF NOT EXISTS code_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';
ALTER TABLE exam_sitting ADD COLUMN IF NOT EXISTS code_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';
ALTER TABLE event ADD COLUMN IF NOT EXISTS code_sort text COLLATE "C" NOT NULL DEFAULT 'ÿ';

DROP INDEX IF EXISTS course_year;
DROP INDEX IF EXISTS course_kind;
DROP INDEX IF EXISTS course_level_code;
DROP INDEX IF EXISTS course_status_code;
DROP INDEX IF EXISTS course_teacher_code;

-- After the program's step:
CREATE INDEX IF NOT EXISTS partner_code_sort ON partner (code_sort, id);
CREATE INDEX IF NOT EXISTS program_code_sort ON program (code_sort, id);
CREATE INDEX IF NOT EXISTS teacher_no_sort ON teacher (teacher_no_sort, id);
CREATE INDEX IF NOT EXISTS course_code_sort ON course (code_sort, id);
CREATE INDEX IF NOT EXISTS exam_sitting_code_sort ON exam_sitting (code_sort, id);
CREATE INDEX IF NOT EXISTS event_code_sort ON event (code_sort, id);
CREATE INDEX IF NOT EXISTS course_year ON course (academic_year, code_sort, id);
CREATE INDEX IF NOT EXISTS course_kind ON course (kind, code_sort, id);
CREATE INDEX IF NOT EXISTS course_level_code ON course (level, code_sort, id);
CREATE INDEX IF NOT EXISTS course_status_code ON course (status, code_sort, id);
CREATE INDEX IF NOT EXISTS course_teacher_code ON course (teacher_no, code_sort, id);
