-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 16: on a server, an import into an empty students table stores the
-- rows in family-name order (postgres/016-import-order.sql). An SQLite
-- file's list keeps that order in memory (qiao-student-order.c): nothing
-- changes here.
SELECT 1;
