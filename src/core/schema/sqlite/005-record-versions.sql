-- SPDX-License-Identifier: GPL-3.0-or-later
-- Qiao schema version 5: every record carries a version, 1 when it is
-- added. The program writes `version = version + 1` with each change and
-- refuses a change whose version is not the one it read: a save over
-- someone else's change is a conflict, never a silent overwrite. Never edit
-- this file once released.
ALTER TABLE partner ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agreement ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE program ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE student ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enrollment ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE intake ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
