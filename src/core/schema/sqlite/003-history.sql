-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 3: the change history. Never edit this file once
-- released.
--
-- Every change is one operation (an edit, an add, a delete with its
-- dependants, an import of a file, a merge, a restore, the undo of an
-- import, a field put back), with the images of the rows it changed or
-- removed: `before` and `after` are JSON objects over the table's columns
-- (written by qiao-history.c from the table's description). Rows an import
-- added carry its id in their own `operation_id` instead of a history row
-- each. Qiao only ever appends: the triggers below refuse any other change
-- except the retention purge, which empties the images of records deleted
-- longer ago than the `retention_days` setting.

CREATE TABLE setting (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO setting (name, value) VALUES ('retention_days', '90');
CREATE TRIGGER setting_retention_minimum BEFORE UPDATE OF value ON setting
WHEN new.name = 'retention_days' AND CAST (new.value AS INTEGER) < 90
BEGIN
  SELECT RAISE (ABORT, 'retention_days below 90');
END;

CREATE TABLE history_operation (
  id          INTEGER PRIMARY KEY,
  made_at     TEXT NOT NULL,      -- UTC, YYYY-MM-DDTHH:MM:SSZ
  made_by     TEXT NOT NULL,      -- the operating-system user, or the database role
  kind        TEXT NOT NULL
              CHECK (kind IN ('edit', 'add', 'delete', 'import', 'merge', 'restore',
                              'undo_import', 'put_back')),
  table_name  TEXT,               -- the record the operation is about, if one
  record_key  TEXT,
  detail      TEXT,               -- an import's file name
  target_id   INTEGER REFERENCES history_operation (id)  -- what an undo or restore undid
);
CREATE INDEX history_operation_target ON history_operation (target_id)
  WHERE target_id IS NOT NULL;
CREATE INDEX history_operation_kind ON history_operation (kind, id);

CREATE TABLE history_row (
  id           INTEGER PRIMARY KEY,
  operation_id INTEGER NOT NULL REFERENCES history_operation (id),
  table_name   TEXT NOT NULL,
  row_id       INTEGER NOT NULL,
  record_key   TEXT,
  action       TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  origin_id    INTEGER,           -- the operation that had added the row (its operation_id)
  before       TEXT,              -- NULL for an insert, and once purged
  after        TEXT               -- NULL for a delete
);
CREATE INDEX history_row_operation ON history_row (operation_id);
CREATE INDEX history_row_record ON history_row (table_name, row_id, operation_id);
CREATE INDEX history_row_key ON history_row (table_name, record_key, operation_id);
CREATE INDEX history_row_origin ON history_row (origin_id) WHERE origin_id IS NOT NULL;

CREATE TRIGGER history_operation_no_update BEFORE UPDATE ON history_operation
BEGIN
  SELECT RAISE (ABORT, 'the history is append-only');
END;
CREATE TRIGGER history_operation_no_delete BEFORE DELETE ON history_operation
BEGIN
  SELECT RAISE (ABORT, 'the history is append-only');
END;
CREATE TRIGGER history_row_no_delete BEFORE DELETE ON history_row
BEGIN
  SELECT RAISE (ABORT, 'the history is append-only');
END;
-- The one change allowed: emptying the images of a record whose deletion
-- is older than the retention setting.
CREATE TRIGGER history_row_only_purge BEFORE UPDATE ON history_row
WHEN new.id IS NOT old.id OR new.operation_id IS NOT old.operation_id
     OR new.table_name IS NOT old.table_name OR new.row_id IS NOT old.row_id
     OR new.record_key IS NOT old.record_key OR new.action IS NOT old.action
     OR new.origin_id IS NOT old.origin_id
     OR new.before IS NOT NULL OR new.after IS NOT NULL
     OR NOT EXISTS (SELECT 1 FROM history_row AS d
                    JOIN history_operation AS o ON o.id = d.operation_id
                    WHERE d.table_name = old.table_name AND d.row_id = old.row_id
                      AND d.action = 'delete' AND d.operation_id >= old.operation_id
                      AND o.made_at < strftime ('%Y-%m-%dT%H:%M:%SZ', 'now',
                            '-' || (SELECT value FROM setting
                                    WHERE name = 'retention_days') || ' days'))
BEGIN
  SELECT RAISE (ABORT, 'the history is append-only');
END;

-- The operation that added each record (an import, an add, a restore).
ALTER TABLE partner ADD COLUMN operation_id INTEGER;
ALTER TABLE agreement ADD COLUMN operation_id INTEGER;
ALTER TABLE program ADD COLUMN operation_id INTEGER;
ALTER TABLE student ADD COLUMN operation_id INTEGER;
ALTER TABLE enrollment ADD COLUMN operation_id INTEGER;
ALTER TABLE intake ADD COLUMN operation_id INTEGER;
CREATE INDEX partner_operation ON partner (operation_id) WHERE operation_id IS NOT NULL;
CREATE INDEX agreement_operation ON agreement (operation_id) WHERE operation_id IS NOT NULL;
CREATE INDEX program_operation ON program (operation_id) WHERE operation_id IS NOT NULL;
CREATE INDEX student_operation ON student (operation_id) WHERE operation_id IS NOT NULL;
CREATE INDEX enrollment_operation ON enrollment (operation_id) WHERE operation_id IS NOT NULL;
CREATE INDEX intake_operation ON intake (operation_id) WHERE operation_id IS NOT NULL;
