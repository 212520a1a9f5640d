#ifndef SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_
#define SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_

// The conference database's schema, as the migrations applied at start-up.

#include "common/sql/migrations.h"

namespace samspar::conference {

// Released migrations are never edited: a change is a new migration.
// Conferences are stored as their serialized API message beside the columns
// that are searched; events for metrics go through the outbox, written in
// the same transaction as the change.
inline constexpr sql::Migration kConferenceMigrations[] = {
    {1, "conferences and outbox",
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
     "CREATE UNIQUE INDEX conferences_by_request_id ON conferences (region, request_id);"
     "CREATE TABLE outbox ("
     "  event_id TEXT PRIMARY KEY,"
     "  event BYTEA NOT NULL,"
     "  create_time BIGINT NOT NULL,"
     "  delivered_time BIGINT);"},
};

}  // namespace samspar::conference

#endif  // SAMSPAR_SERVICES_CONFERENCE_CONFERENCE_SCHEMA_H_
