-- Schema 11: the history's deletions, indexed, as in SQLite's schema 11:
-- the purge of records deleted longer ago than the retention setting
-- (qiao_history_purge()) starts from them.
CREATE INDEX IF NOT EXISTS history_row_deleted ON history_row (operation_id) WHERE action = 'delete';
