-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 12 (issue 14), as sqlite/012-course-order.sql: a Classes
-- page sorted by HSK level, status or teacher reads its page off an index
-- (ties in code order, then id, as the list's ORDER BY says). Never edit
-- this file once released.

CREATE INDEX IF NOT EXISTS course_level_code ON course (level, code, id);
CREATE INDEX IF NOT EXISTS course_status_code ON course (status, code, id);
DROP INDEX IF EXISTS course_teacher;
CREATE INDEX IF NOT EXISTS course_teacher_code ON course (teacher_no, code, id);
