-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 18: codes sort as people read them, each run of
-- digits by its value ("GC1-2024-2" before "GC1-2024-10", "HSK2" before
-- "HSK10"). The code columns of partners, programs, classes, exam
-- sittings and events, and the teachers' numbers, keep their sort key
-- beside them (code_sort, teacher_no_sort: text compared byte by byte,
-- qiao-collate.c: qiao_collate_code_key ()), written with every change of
-- the record; lists sort by the key, and the indexes that held the codes'
-- order for a list hold the keys instead (same index names).
-- SQLite adds a column only unconditionally, and this file may run again
-- (the search-key tests take a database back to an older version): the
-- program's step (qiao-database-migrate.c) adds each column where it is
-- missing, as `<column>_sort TEXT NOT NULL DEFAULT 'ÿ'`, and fills the
-- keys of the rows already stored, before the statements after the line
-- "After the program's step" build the indexes once. Never edit this file
-- once released.

DROP INDEX IF EXISTS course_year;
DROP INDEX IF EXISTS course_kind;
DROP INDEX IF EXISTS course_level_code;
DROP INDEX IF EXISTS course_status_code;
DROP INDEX IF EXISTS course_teacher_code;

-- After the program's step:
CREATE INDEX IF NOT EXISTS partner_code_sort ON partner (code_sort);
CREATE INDEX IF NOT EXISTS program_code_sort ON program (code_sort);
CREATE INDEX IF NOT EXISTS teacher_no_sort ON teacher (teacher_no_sort);
CREATE INDEX IF NOT EXISTS course_code_sort ON course (code_sort);
CREATE INDEX IF NOT EXISTS exam_sitting_code_sort ON exam_sitting (code_sort);
CREATE INDEX IF NOT EXISTS event_code_sort ON event (code_sort);
CREATE INDEX IF NOT EXISTS course_year ON course (academic_year, code_sort);
CREATE INDEX IF NOT EXISTS course_kind ON course (kind, code_sort);
CREATE INDEX IF NOT EXISTS course_level_code ON course (level, code_sort);
CREATE INDEX IF NOT EXISTS course_status_code ON course (status, code_sort);
CREATE INDEX IF NOT EXISTS course_teacher_code ON course (teacher_no, code_sort);
