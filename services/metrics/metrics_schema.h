#ifndef SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_
#define SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_

// The metrics database's schema, as the migrations applied at start-up.

#include "common/sql/migrations.h"

namespace samspar::metrics {

// Released migrations are never edited: a change is a new migration.
// Events are kept once each (the event id is the primary key, which makes a
// retried batch a no-op); they carry no patient identity.
inline constexpr sql::Migration kMetricsMigrations[] = {
    {1, "events",
     "CREATE TABLE events ("
     "  event_id TEXT PRIMARY KEY,"
     "  region TEXT NOT NULL,"
     "  type TEXT NOT NULL,"
     "  occurred_time BIGINT NOT NULL,"
     "  event BYTEA NOT NULL,"
     "  ingest_time BIGINT NOT NULL);"
     "CREATE INDEX events_by_region_time ON events (region, occurred_time);"},
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_
