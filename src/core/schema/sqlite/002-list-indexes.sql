-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 2: indexes that keep the lists fast on a million
-- students. Never edit this file once released.

-- A list filtered by category (and direction), in family-name order, and
-- its count, read from the index alone.
CREATE INDEX student_category ON student (category, family_name);
CREATE INDEX student_direction_category ON student (direction, category, family_name);

-- Search words of one or two characters are looked up among the trigrams
-- that begin with them (student_fts); what the trigrams miss, an
-- occurrence in the last two characters of the key, is found here.
CREATE INDEX student_key_end2 ON student (substr (search_key, -2));
CREATE INDEX student_key_end1 ON student (substr (search_key, -1));

-- The family names of a search's matches, read by id without the whole
-- rows: the first page of a search that finds many is sorted from here.
CREATE INDEX student_id_family ON student (id, family_name);

-- Students with an enrollment in a given state (and program, year).
CREATE INDEX enrollment_status ON enrollment (status, program_code, academic_year, student_no);
