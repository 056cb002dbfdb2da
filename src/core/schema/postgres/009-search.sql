-- Schema 9: names across the border. The search keys of students also hold
-- the other scripts' spellings of their names (pinyin, Palladius Cyrillic,
-- passport Latin, the Chinese form of a Russian name: qiao-transcribe.c),
-- so that a name typed in any script finds the record.
--
-- SQL cannot transcribe: in the same transaction as this file,
-- qiao-database-migrate.c writes every such key again
-- (qiao_store_refresh_search_keys()); on SQLite the triggers of student_fts
-- keep the trigram index up to date.
SELECT 1;
