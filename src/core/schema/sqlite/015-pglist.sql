-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 15: on a server, the planner is told what a key's character pairs
-- cost (postgres/015-pglist.sql). An SQLite file has no such function:
-- nothing changes here.
SELECT 1;
