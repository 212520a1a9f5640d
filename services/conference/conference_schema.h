#ifndef SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_
#define SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_

// The conference database's schema, as the migrations applied at start-up.

#include "common/audit/access_log_schema.h"
#include "common/sql/migrations.h"

namespace samspar::conference {

// Released migrations are never edited: a change is a new migration.
// Conferences are stored as their serialized API message beside the columns
// that are searched; `request_id` makes a retried request find the first.
// Migration 2 is the patient-data access log (common/audit), kept beside
// the conferences so that an entry commits with the change it records.
inline constexpr sql::Migration kConferenceMigrations[] = {
    {1, "conferences",
     "CREATE TABLE conferences ("
     "  region TEXT NOT NULL,"
     "  conference_id TEXT NOT NULL,"
     "  state TEXT NOT NULL,"
     "  request_id TEXT,"
     "  resource BYTEA NOT NULL,"
     "  etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL,"
     "  update_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, conference_id));"
     "CREATE UNIQUE INDEX conferences_by_request_id ON conferences (region, request_id);"},
    {2, audit::kAccessLogMigrationName, audit::kAccessLogMigrationSql},
};

}  // namespace samspar::conference

#endif  // SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_
