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
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_ROSTER_SCHEMA_H_
