-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 12 (issue 14): the Classes page at a national
-- network's size (the lists benchmark: 50,000 classes, 1,000,000 course
-- members). A list sorted by a column of few values puts ties in code
-- order (the course's grouping columns, qiao-course.c), so that a page is
-- read off an index instead of sorting every class: kind and academic year
-- have such indexes since schema 6; HSK level, status and teacher get them
-- here (the teacher's also serves the checks of references to a teacher,
-- as the partial index it replaces did). Written to run again (IF NOT EXISTS): the
-- search-key tests take a database back to an older version. Never edit
-- this file once released.

CREATE INDEX IF NOT EXISTS course_level_code ON course (level, code);
CREATE INDEX IF NOT EXISTS course_status_code ON course (status, code);
DROP INDEX IF EXISTS course_teacher;
CREATE INDEX IF NOT EXISTS course_teacher_code ON course (teacher_no, code);
