#ifndef SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_
#define SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_

// The consult database's schema, as the migrations applied at start-up.

#include "common/audit/access_log_schema.h"
#include "common/sql/migrations.h"

namespace samspar::consult {

// Released migrations are never edited: a change is a new migration.
// Consults are stored as their serialized API message beside the columns
// that are searched; `request_id` makes a retried create find the first.
// Migration 2 is the patient-data access log (common/audit), kept beside
// the consults so that an entry commits with the change it records.
inline constexpr sql::Migration kConsultMigrations[] = {
    {1, "consults",
     "CREATE TABLE consults ("
     "  region TEXT NOT NULL,"
     "  consult_id TEXT NOT NULL,"
     "  state TEXT NOT NULL,"
     "  request_id TEXT,"
     "  resource BYTEA NOT NULL,"
     "  etag TEXT NOT NULL,"
     "  create_time BIGINT NOT NULL,"
     "  update_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, consult_id));"
     "CREATE UNIQUE INDEX consults_by_request_id ON consults (region, request_id);"},
    {2, audit::kAccessLogMigrationName, audit::kAccessLogMigrationSql},
};

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_
