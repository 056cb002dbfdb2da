-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 7: names sort as their script sorts (Russian
-- alphabetically with ё beside е, Chinese by pinyin, empty names last).
-- Each sortable name column keeps its ICU sort key beside it, as text
-- that compares byte by byte as the names do (qiao-collate.c), written
-- with every change of the record; the list indexes that held the names'
-- code-point order hold these keys instead (same index names). SQL cannot
-- compute the keys: in the same transaction as this file,
-- qiao-database-migrate.c fills them for the rows already stored
-- (qiao_collate_fill_stored ()) before the statements after the line
-- "After the program's step" (the indexes are built once, on the filled
-- keys); 'ÿ' is the key of an empty name. Never edit this file once
-- released.
ALTER TABLE student ADD COLUMN family_name_sort TEXT NOT NULL DEFAULT 'ÿ';
ALTER TABLE student ADD COLUMN given_name_sort TEXT NOT NULL DEFAULT 'ÿ';
ALTER TABLE student ADD COLUMN latin_name_sort TEXT NOT NULL DEFAULT 'ÿ';
ALTER TABLE student ADD COLUMN chinese_name_sort TEXT NOT NULL DEFAULT 'ÿ';

DROP INDEX student_family_name;
DROP INDEX student_latin_name;
DROP INDEX student_home_partner;
DROP INDEX student_nationality;
DROP INDEX student_direction;
DROP INDEX student_category;
DROP INDEX student_direction_category;
DROP INDEX student_id_family;

-- After the program's step:
CREATE INDEX student_family_name ON student (family_name_sort);
CREATE INDEX student_given_name ON student (given_name_sort);
CREATE INDEX student_latin_name ON student (latin_name_sort);
CREATE INDEX student_chinese_name ON student (chinese_name_sort);
CREATE INDEX student_home_partner ON student (home_partner_code, family_name_sort);
CREATE INDEX student_nationality ON student (nationality, family_name_sort);
CREATE INDEX student_direction ON student (direction, family_name_sort);
CREATE INDEX student_category ON student (category, family_name_sort);
CREATE INDEX student_direction_category ON student (direction, category, family_name_sort);
CREATE INDEX student_id_family ON student (id, family_name_sort);
