#ifndef SAMSPAR_SERVICES_ROSTER_ROSTER_SCHEMA_H_
#define SAMSPAR_SERVICES_ROSTER_ROSTER_SCHEMA_H_

// The roster database's schema, as the migrations applied at start-up.

#include "common/sql/migrations.h"

namespace samspar::roster {

// Released migrations are never edited: a change is a new migration.
// Resources are stored as their serialized API message (`resource`) beside
// the columns that are searched or constrained; `etag` guards concurrent
// updates; instants are microseconds since the Unix epoch, UTC.
inline constexpr sql::Migration kRosterMigrations[] = {
    {1, "directory",
     "CREATE TABLE units ("
     "  region TEXT NOT NULL,"
     "  hsa_id TEXT NOT NULL,"
     "  parent_hsa_id TEXT,"
     "  resource BYTEA NOT NULL,"
     "  etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL,"
     "  update_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, hsa_id));"
     "CREATE TABLE practitioners ("
     "  region TEXT NOT NULL,"
     "  hsa_id TEXT NOT NULL,"
     "  resource BYTEA NOT NULL,"
     "  etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL,"
     "  update_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, hsa_id));"},
    // The directory tables of migration 1 never held rows; they are made
    // again in the shape every resource table shares (common/store), with
    // the columns their Lists filter and sort on. Repeated fields are
    // stored delimited ("|a|b|"), searchable names also folded to lower case.
    {2, "resource tables",
     "DROP TABLE units;"
     "DROP TABLE practitioners;"
     "CREATE TABLE units ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  hsa_id TEXT NOT NULL, display_name TEXT NOT NULL, display_name_folded TEXT NOT NULL,"
     "  unit_type BIGINT NOT NULL, parent_unit TEXT NOT NULL, specialties TEXT NOT NULL,"
     "  municipality_code TEXT NOT NULL, state BIGINT NOT NULL);"
     "CREATE INDEX units_by_region ON units (region, display_name);"
     "CREATE TABLE practitioners ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  hsa_id TEXT NOT NULL, family_name TEXT NOT NULL, display_name TEXT NOT NULL,"
     "  display_name_folded TEXT NOT NULL, profession BIGINT NOT NULL, specialties TEXT NOT NULL,"
     "  units TEXT NOT NULL, emails TEXT NOT NULL, state BIGINT NOT NULL);"
     "CREATE INDEX practitioners_by_region ON practitioners (region, family_name);"
     "CREATE TABLE lines ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  display_name TEXT NOT NULL, display_name_folded TEXT NOT NULL, tracks TEXT NOT NULL,"
     "  unit TEXT NOT NULL, specialty TEXT NOT NULL, state BIGINT NOT NULL);"
     "CREATE INDEX lines_by_region ON lines (region, display_name);"
     "CREATE TABLE rotations ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  tier BIGINT NOT NULL, participants TEXT NOT NULL, end_date BIGINT);"
     "CREATE INDEX rotations_by_line ON rotations (parent);"
     "CREATE TABLE shifts ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  practitioner TEXT NOT NULL, tier BIGINT NOT NULL, source BIGINT NOT NULL,"
     "  start_time BIGINT NOT NULL, end_time BIGINT NOT NULL, external_uid TEXT NOT NULL);"
     "CREATE INDEX shifts_by_line ON shifts (parent, end_time);"
     "CREATE TABLE overrides ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  kind BIGINT NOT NULL, tier BIGINT NOT NULL, practitioner TEXT NOT NULL,"
     "  replaced_practitioner TEXT NOT NULL, start_time BIGINT NOT NULL, end_time BIGINT NOT NULL);"
     "CREATE INDEX overrides_by_line ON overrides (parent, end_time);"
     "CREATE TABLE swap_requests ("
     "  name TEXT PRIMARY KEY, region TEXT NOT NULL, parent TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL, update_time BIGINT NOT NULL,"
     "  state BIGINT NOT NULL, requester TEXT NOT NULL, counterpart TEXT NOT NULL,"
     "  start_time BIGINT NOT NULL);"
     "CREATE INDEX swap_requests_by_line ON swap_requests (parent, create_time);"
     "CREATE TABLE request_ids ("
     "  region TEXT NOT NULL, method TEXT NOT NULL, request_id TEXT NOT NULL,"
     "  fingerprint TEXT NOT NULL, resource_name TEXT NOT NULL, create_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, method, request_id));"
     // Bumped in the transaction of every change, so that a replica's cached
     // on-call answers are known to be stale with one read.
     "CREATE TABLE roster_version (id BIGINT PRIMARY KEY, version BIGINT NOT NULL);"
     "INSERT INTO roster_version (id, version) VALUES (1, 0);"},
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_SCHEMA_H_
