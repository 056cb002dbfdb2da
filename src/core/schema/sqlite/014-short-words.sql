-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 14: on a server, searches of one and two characters look in an
-- index of the search key's character pairs (postgres/014-short-words.sql). An
-- SQLite file answers them from its trigram index's vocabulary already
-- (qiao-student-store.c): nothing changes here.
SELECT 1;
