-- Schema 10: names across the border for the Institute's teachers and the
-- partners. A teacher's search key also holds the other scripts' spellings
-- of their names, as a student's does since schema 9; a partner's the
-- pinyin and Palladius Cyrillic of its Chinese name and the passport Latin
-- of its Russian name (qiao-transcribe.c, qiao-person-names.c).
--
-- SQL cannot transcribe: in the same transaction as this file,
-- qiao-database-migrate.c writes those keys again
-- (qiao_store_refresh_search_keys()).
SELECT 1;
