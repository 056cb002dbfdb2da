-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 3: an import can defer the student search index.
-- Never edit this file once released.
--
-- Written row by row, the trigram index (student_fts) makes FTS5 flush its
-- pending data after every student. While student_fts_deferred holds its
-- one row (only ever inside the import's own transaction), the triggers
-- instead note each student whose index entry is out of date, with the key
-- the index still holds for it (NULL: none), and the import brings the
-- index up to date with one statement before it commits.

CREATE TABLE student_fts_deferred (
  one INTEGER PRIMARY KEY CHECK (one = 1)
);

CREATE TABLE student_fts_stale (
  id      INTEGER PRIMARY KEY,
  old_key TEXT
);

DROP TRIGGER student_fts_insert;
DROP TRIGGER student_fts_delete;
DROP TRIGGER student_fts_update;

CREATE TRIGGER student_fts_insert AFTER INSERT ON student
WHEN NOT EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT INTO student_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER student_fts_delete AFTER DELETE ON student
WHEN NOT EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT INTO student_fts (student_fts, rowid, search_key)
    VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER student_fts_update AFTER UPDATE OF id, search_key ON student
WHEN NOT EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT INTO student_fts (student_fts, rowid, search_key)
    VALUES ('delete', old.id, old.search_key);
  INSERT INTO student_fts (rowid, search_key) VALUES (new.id, new.search_key);
END;

-- While deferred: the first note of a student wins, as it names what the
-- index holds.
CREATE TRIGGER student_fts_insert_deferred AFTER INSERT ON student
WHEN EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT OR IGNORE INTO student_fts_stale (id, old_key) VALUES (new.id, NULL);
END;
CREATE TRIGGER student_fts_delete_deferred AFTER DELETE ON student
WHEN EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT OR IGNORE INTO student_fts_stale (id, old_key) VALUES (old.id, old.search_key);
END;
CREATE TRIGGER student_fts_update_deferred AFTER UPDATE OF id, search_key ON student
WHEN EXISTS (SELECT 1 FROM student_fts_deferred)
BEGIN
  INSERT OR IGNORE INTO student_fts_stale (id, old_key) VALUES (old.id, old.search_key);
  INSERT OR IGNORE INTO student_fts_stale (id, old_key) VALUES (new.id, NULL);
END;
