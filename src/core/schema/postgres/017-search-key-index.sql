-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 17 for PostgreSQL: the B-tree of the students' whole search key
-- goes. No query on a server reads it (a search asks the trigram and pairs
-- indexes; an SQLite file's scans of the keys alone are what it serves
-- there), yet it is the largest of the table's B-trees (169 MB at a million
-- students), kept up to date by every save and built again by an import
-- into an empty table (schema 8): 1.9 s of a million students' import.
-- Safe to run again (IF EXISTS).
DROP INDEX IF EXISTS student_search_key;
