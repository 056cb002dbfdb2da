-- Schema 4: codes and student numbers in their normal form (Unicode NFKC,
-- no invisible characters, white space trimmed, codes in capitals), so that
-- keys a person reads as one are one key.
--
-- SQL cannot normalise Unicode: in the same transaction as this file,
-- qiao-database-migrate.c renames every stored key that has no look-alike
-- (qiao_lookalike_keys_normalize_stored(); what refers to it follows by ON
-- UPDATE CASCADE). Keys that collide are merged by nobody but a person:
-- `qiao check` lists them.
SELECT 1;
