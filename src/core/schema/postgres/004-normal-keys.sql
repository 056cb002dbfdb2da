-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema 4 for PostgreSQL: codes and student numbers in their normal form
-- (Unicode NFKC, no invisible characters, white space trimmed, codes in
-- capitals), as sqlite/004-normal-keys.sql: the program renames the stored
-- keys in the same transaction (qiao_lookalike_keys_normalize_stored ());
-- what refers to them follows by ON UPDATE CASCADE.
SELECT 1;
