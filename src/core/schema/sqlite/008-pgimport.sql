-- Schema 8: nothing for SQLite. On a server (postgres/008-pgimport.sql) an
-- import into an empty table sets the table's indexes aside through two
-- functions that run as the table's owner; SQLite's import drops and
-- creates them itself (qiao-sqlite-bulk-write.c).
SELECT 1;
