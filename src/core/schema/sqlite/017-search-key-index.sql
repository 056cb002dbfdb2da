-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 17: on a server, the B-tree of the students' search key, which no
-- query there reads, is dropped (postgres/017-search-key-index.sql). An
-- SQLite file's scans of the keys read its own: nothing changes here.
SELECT 1;
