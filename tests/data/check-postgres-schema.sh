#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks Qiao's PostgreSQL schema on a throwaway cluster: server-init.sql,
# the migrations 001…, grants.sql (each twice: they must be idempotent),
# then the rules, the SQLite compatibility functions, the roles' privileges
# (viewers do not read personal columns), the append-only history and the
# change notifications.
#
#   check-postgres-schema.sh [SCHEMA_DIR]
#
# SCHEMA_DIR defaults to src/core/schema/postgres next to this script.
# Exits 77 (skipped) without PostgreSQL 15's initdb. Run as root, the
# cluster runs as `nobody`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
schema=${1:-$here/../../src/core/schema/postgres}
schema=$(cd "$schema" && pwd)
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}

if [ ! -x "$bindir/initdb" ] || ! command -v psql >/dev/null; then
  echo "SKIP: no PostgreSQL 15 in $bindir"
  exit 77
fi

dir=$(mktemp -d /tmp/qiao-pg-check.XXXXXX)
as_owner=
if [ "$(id -u)" = 0 ]; then
  chown nobody "$dir"
  chmod 755 "$dir"
  as_owner="runuser -u nobody --"
fi
cleanup () {
  $as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

(cd "$dir" && $as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust \
   -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1) || { cat "$dir/initdb.log"; exit 1; }
(cd "$dir" && $as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
   -o "-c listen_addresses='' -k $dir -c fsync=off" start >/dev/null) \
  || { cat "$dir/server.log"; exit 1; }

failures=0
fail () {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# q USER SQL: runs SQL in database qiao as USER, prints the result.
q () {
  psql -X -h "$dir" -U "$1" -d qiao -v ON_ERROR_STOP=1 -qAt -c "$2" 2>&1
}
# expect USER SQL RESULT
expect () {
  out=$(q "$1" "$2") || { fail "$1: $2: $out"; return 0; }
  [ "$out" = "$3" ] || fail "$1: $2: got '$out', expected '$3'"
}
# refused USER SQL PATTERN: the statement fails with an error matching PATTERN.
refused () {
  if out=$(q "$1" "$2"); then
    fail "$1: $2: was allowed ($out)"
  elif ! printf '%s' "$out" | grep -q -- "$3"; then
    fail "$1: $2: refused, but not with '$3': $out"
  fi
}
run_file () {
  psql -X -h "$dir" -U postgres -d qiao -v ON_ERROR_STOP=1 -q -1 -f "$1" >"$dir/run.log" 2>&1 \
    || { cat "$dir/run.log"; fail "running $(basename "$1")"; exit 1; }
  grep -q WARNING "$dir/run.log" && { cat "$dir/run.log"; fail "warnings in $(basename "$1")"; }
  return 0
}

psql -X -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE qiao"
run_file "$schema/server-init.sql"
run_file "$schema/server-init.sql"
version=0
for migration in "$schema"/[0-9][0-9][0-9]-*.sql; do
  # as the engine does: as qiao_admin, then the version
  version=$((version + 1))
  { echo "SET ROLE qiao_admin;"; cat "$migration";
    echo "UPDATE qiao_meta SET version = $version;"; } >"$dir/migration.sql"
  run_file "$dir/migration.sql"
done
run_file "$schema/grants.sql"
run_file "$schema/grants.sql"

# Users, as `qiao server add-user` makes them.
q postgres "CREATE ROLE ana LOGIN IN ROLE qiao_viewer;
            CREATE ROLE eda LOGIN IN ROLE qiao_editor;
            CREATE ROLE adm LOGIN IN ROLE qiao_admin;" >/dev/null

echo "# the version, the owner"
expect ana "SELECT application, version FROM qiao_meta" "QIAO|$version"
refused adm "INSERT INTO qiao_meta (version) VALUES (1)" "duplicate key"
expect postgres "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
                 AND tableowner <> 'qiao_admin'" "0"

echo "# records and their rules"
expect eda "INSERT INTO partner (code, name_en, country, contact_name, contact_email, search_key)
            VALUES ('MSU', 'Moscow State University', 'RU', 'Ivan Petrov', 'ip@msu.ru',
                    'msu moscow state university') RETURNING id, version" "1|1"
expect eda "INSERT INTO program (code, title_en, kind, field) VALUES ('P1', 'Russian', 'exchange', '0202')
            RETURNING id" "1"
expect eda "INSERT INTO program_partner VALUES (1, 'MSU', 0)" ""
expect eda "INSERT INTO student (student_no, family_name, given_name, latin_name, birth_date,
                                 nationality, email, phone, direction, visa_until, search_key)
            VALUES ('S001', '王', '小明', 'WANG XIAOMING', '2004-02-29', 'CN', 'w@example.cn',
                    '+86 1', 'inbound', '2025-06-30', 's001 王 小明 wang xiaoming')
            RETURNING id" "1"
expect eda "INSERT INTO enrollment (student_no, program_code, academic_year) VALUES ('S001', 'P1', 2024)
            RETURNING status" "enrolled"
expect eda "INSERT INTO agreement (partner_code, kind, valid_from, valid_until)
            VALUES ('MSU', 'mou', '2020-01-01', '2030-12-31') RETURNING id" "1"
expect eda "INSERT INTO intake (program_code, academic_year, students) VALUES ('P1', 2024, 10)
            RETURNING id" "1"
refused eda "INSERT INTO student (student_no, family_name, direction, birth_date)
             VALUES ('S002', 'X', 'inbound', '2023-02-29')" "student_birth_date_check"
refused eda "INSERT INTO student (student_no, family_name, direction, birth_date)
             VALUES ('S002', 'X', 'inbound', '2023-2-28')" "student_birth_date_check"
refused eda "INSERT INTO student (student_no, family_name, direction, nationality)
             VALUES ('S002', 'X', 'inbound', 'cn')" "student_nationality_check"
refused eda "INSERT INTO partner (code, name_en) VALUES ('MSU', 'again')" "duplicate key"
refused eda "INSERT INTO partner (code) VALUES ('X')" "partner_check"
refused eda "DELETE FROM partner WHERE code = 'MSU'" "foreign key"
expect eda "UPDATE partner SET code = 'MGU' WHERE code = 'MSU';
            SELECT partner_code FROM agreement UNION ALL SELECT partner_code FROM program_partner" \
       "$(printf 'MGU\nMGU')"
expect eda "SELECT pg_typeof (id)::text || pg_typeof (academic_year)::text || pg_typeof (version)::text
            FROM enrollment" "bigintbigintbigint"
# explicit ids (qiao copy), then numbering on
expect adm "INSERT INTO intake (id, program_code, academic_year, students) VALUES (40, 'P1', 2025, 1);
            SELECT qiao_reset_identities ();
            INSERT INTO intake (program_code, academic_year, students) VALUES ('P1', 2026, 1)
            RETURNING id" "$(printf '\n41')"
# the edit-conflict check the store makes
expect eda "UPDATE student SET phone = '+86 2', version = version + 1 WHERE id = 1 AND version = 1
            RETURNING version" "2"
expect eda "UPDATE student SET phone = '+86 3', version = version + 1 WHERE id = 1 AND version = 1
            RETURNING version" ""

echo "# SQLite's functions"
expect ana "SELECT instr ('abcabc', 'ca'), instr ('abc', 'x'), ifnull (NULL, 3), ifnull ('a', 'b')" "3|0|3|a"
expect ana "SELECT group_concat (v, ';') FROM (VALUES ('a'), (NULL), ('b')) AS t (v)" "a;b"
expect ana "SELECT group_concat (v) FROM (VALUES ('a'), ('b')) AS t (v)" "a,b"
expect ana "SELECT group_concat (v, ';') IS NULL FROM (VALUES (NULL::text)) AS t (v)" "t"
expect ana "SELECT printf ('%04d-08-31', 2024 + 1), printf ('%04d-09-01', 999), printf ('%d%%', 5)" \
       "2025-08-31|0999-09-01|5%"
expect ana "SELECT strftime ('%Y-%m-%dT%H:%M:%SZ', '2024-03-01T10:00:00Z', '-1 days'),
                   strftime ('%Y-%m-%d', '2024-03-31', 'start of month'),
                   strftime ('%Y', 'now') = to_char (now (), 'YYYY')" "2024-02-29T10:00:00Z|2024-03-01|t"

echo "# viewers do not read personal data"
expect ana "SELECT student_no, family_name, given_name, chinese_name, nationality, direction, version
            FROM student" "S001|王|小明||CN|inbound|2"
expect ana "SELECT count(*) FROM student" "1"
for column in latin_name birth_date home_city email phone visa_until insurance_until notes search_key; do
  refused ana "SELECT $column FROM student" "permission denied"
done
refused ana "SELECT * FROM student" "permission denied"
refused ana "SELECT id FROM student WHERE birth_date < '2010-01-01'" "permission denied"
for column in contact_name contact_email contact_phone; do
  refused ana "SELECT $column FROM partner" "permission denied"
done
expect ana "SELECT code, name_en FROM partner" "MGU|Moscow State University"
refused ana "SELECT before FROM history_row" "permission denied"
refused ana "SELECT after FROM history_row" "permission denied"
expect ana "SELECT count(*) FROM agreement, program, program_partner, enrollment, intake, setting" "3"
refused ana "UPDATE program SET notes = 'x'" "permission denied"
refused ana "INSERT INTO setting VALUES ('x', 'y')" "permission denied"
refused ana "CREATE TABLE mine (x int)" "permission denied"
expect eda "SELECT birth_date, latin_name FROM student" "2004-02-29|WANG XIAOMING"

echo "# the history is append-only"
expect eda "INSERT INTO history_operation (kind, table_name, record_key)
            VALUES ('delete', 'student', 'S009') RETURNING made_by, made_at ~ '^[0-9-]{10}T[0-9:]{8}Z$'" \
       "eda|t"
expect eda "INSERT INTO history_operation (made_at, made_by, kind) VALUES ('2020-01-01T00:00:00Z', 'x', 'add'),
            ('2020-02-01T00:00:00Z', 'x', 'delete') RETURNING id" "$(printf '2\n3')"
expect eda "INSERT INTO history_row (operation_id, table_name, row_id, action, after)
            VALUES (2, 'student', 9, 'insert', '{}'), (3, 'student', 9, 'delete', NULL),
                   (1, 'student', 8, 'delete', NULL) RETURNING id" "$(printf '1\n2\n3')"
expect eda "INSERT INTO history_row (operation_id, table_name, row_id, action, before)
            VALUES (1, 'student', 8, 'update', '{}') RETURNING id" "4"
# editors may not even try; the owner's attempts the triggers refuse
refused eda "UPDATE history_operation SET made_by = 'y' WHERE id = 1" "permission denied"
refused eda "DELETE FROM history_operation WHERE id = 1" "permission denied"
refused eda "DELETE FROM history_row WHERE id = 1" "permission denied"
refused adm "UPDATE history_operation SET made_by = 'y' WHERE id = 1" "append-only"
refused adm "DELETE FROM history_operation WHERE id = 1" "append-only"
refused adm "DELETE FROM history_row WHERE id = 1" "append-only"
refused eda "TRUNCATE history_row" "permission denied"
refused adm "TRUNCATE history_row, history_operation" "append-only"
refused eda "UPDATE history_row SET row_id = 10 WHERE id = 1" "append-only"
refused eda "UPDATE history_row SET after = '{\"x\":1}' WHERE id = 1" "append-only"
# the purge: images of a record deleted longer ago than retention_days …
expect eda "UPDATE history_row SET before = NULL, after = NULL WHERE id = 1 RETURNING id" "1"
# … but not of one deleted today
refused eda "UPDATE history_row SET before = NULL, after = NULL WHERE id = 4" "append-only"
refused eda "UPDATE setting SET value = '30' WHERE name = 'retention_days'" "retention_days below 90"
refused eda "UPDATE setting SET value = 'x' WHERE name = 'retention_days'" "retention_days below 90"
expect eda "UPDATE setting SET value = '365' WHERE name = 'retention_days' RETURNING value" "365"
refused ana "UPDATE history_row SET before = NULL WHERE id = 1" "permission denied"

echo "# changes are announced, one notification per statement and table"
out=$(printf '%s\n' "LISTEN qiao_changed;" \
  "UPDATE student SET version = version + 1;" \
  "INSERT INTO enrollment (student_no, program_code, academic_year)
     SELECT 'S001', 'P1', y FROM generate_series (2000, 2020) AS y;" \
  "SELECT 1;" \
  | psql -X -h "$dir" -U eda -d qiao -qAt 2>&1)
printf '%s\n' "$out" | grep -q 'notification "qiao_changed" with payload "student"' \
  || fail "no notification for student: $out"
[ "$(printf '%s\n' "$out" | grep -c 'payload "enrollment"')" = 1 ] \
  || fail "not one notification for an insert of 21 enrollments: $out"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all PostgreSQL schema checks passed"
