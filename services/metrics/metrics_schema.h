#ifndef SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_
#define SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_

// The metrics database's schema, as the migrations applied at start-up.

#include "common/sql/migrations.h"

namespace samspar::metrics {

// Released migrations are never edited: a change is a new migration.
// Events are kept once each (the event id is the primary key, which makes a
// retried batch a no-op); they carry no patient identity.
//
// 2: events are numbered per region in the order their transactions commit
// (event_sequences holds each region's last number, updated in the same
// transaction), so that a replica reading "everything after number n" never
// skips an event that committed late. The first events table was never
// written to, and is replaced.
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
    {2, "events numbered per region; KPI targets",
     "DROP TABLE events;"
     "CREATE TABLE events ("
     "  event_id TEXT PRIMARY KEY,"
     "  region TEXT NOT NULL,"
     "  seq BIGINT NOT NULL,"
     "  type TEXT NOT NULL,"
     "  occurred_time BIGINT NOT NULL,"
     "  event BYTEA NOT NULL,"
     "  ingest_time BIGINT NOT NULL);"
     "CREATE UNIQUE INDEX events_by_region_seq ON events (region, seq);"
     "CREATE TABLE event_sequences ("
     "  region TEXT PRIMARY KEY,"
     "  last_seq BIGINT NOT NULL);"
     "CREATE TABLE kpi_targets ("
     "  region TEXT PRIMARY KEY,"
     "  targets BYTEA NOT NULL);"},
};

}  // namespace samspar::metrics

#endif  // SAMSPAR_SERVICES_METRICS_METRICS_SCHEMA_H_
