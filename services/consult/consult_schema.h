#ifndef SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_
#define SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_

// The consult database's schema, as the migrations applied at start-up.

#include "common/audit/access_log_schema.h"
#include "common/outbox/outbox.h"
#include "common/sql/migrations.h"
#include "common/store/request_ids.h"

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
    // 3: who takes part (for a caller's lists and streams), where escalation
    // stands, and when the consult's next timer (offer expiry, answer
    // deadline, auto-close, routing retry) is due, so that any replica picks
    // it up; the conversation; the creates' request ids.
    {3, "routing, participants, messages",
     "ALTER TABLE consults ADD COLUMN requester TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN assignee TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN offered_to TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN routed_line TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN escalation TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN due_time BIGINT;"
     "CREATE INDEX consults_due ON consults (due_time);"
     "CREATE TABLE consult_participants ("
     "  region TEXT NOT NULL, consult_id TEXT NOT NULL, practitioner TEXT NOT NULL,"
     "  PRIMARY KEY (region, consult_id, practitioner));"
     "CREATE INDEX consult_participants_by_practitioner ON consult_participants (practitioner);"
     "CREATE TABLE consult_messages ("
     "  region TEXT NOT NULL, consult_id TEXT NOT NULL, message_id TEXT NOT NULL,"
     "  resource BYTEA NOT NULL, create_time BIGINT NOT NULL,"
     "  PRIMARY KEY (region, consult_id, message_id));"},
    {4, "request ids", store::kRequestIdsTableSql},
    {5, outbox::kOutboxMigrationName, outbox::kOutboxMigrationSql},
    // 6: what ListConsults filters and sorts by, as the API's enum numbers;
    // a patient's consults under every identifier they had, by digest.
    {6, "list columns, patient search",
     "ALTER TABLE consults ADD COLUMN state_code BIGINT NOT NULL DEFAULT 0;"
     "ALTER TABLE consults ADD COLUMN track BIGINT NOT NULL DEFAULT 0;"
     "ALTER TABLE consults ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;"
     "ALTER TABLE consults ADD COLUMN outcome BIGINT NOT NULL DEFAULT 0;"
     "ALTER TABLE consults ADD COLUMN requester_unit TEXT NOT NULL DEFAULT '';"
     "ALTER TABLE consults ADD COLUMN answer_overdue BIGINT NOT NULL DEFAULT 0;"
     "ALTER TABLE consults ADD COLUMN routed_line_unit TEXT NOT NULL DEFAULT '';"
     "CREATE INDEX consults_by_requester ON consults (region, requester);"
     "CREATE INDEX consults_by_assignee ON consults (region, assignee);"
     "CREATE INDEX consults_by_offered_to ON consults (region, offered_to);"
     "CREATE TABLE consult_patients ("
     "  region TEXT NOT NULL, consult_id TEXT NOT NULL, patient_key TEXT NOT NULL,"
     "  PRIMARY KEY (region, consult_id, patient_key));"
     "CREATE INDEX consult_patients_by_key ON consult_patients (region, patient_key);"},
    // 7: every write numbers the consult's version in commit order (one
    // writer at a time), so that watchers on every replica see each change
    // once and in order, however long the change took to commit.
    {7, "change numbers",
     "ALTER TABLE consults ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;"
     "CREATE INDEX consults_by_change ON consults (change_seq);"},
};

}  // namespace samspar::consult

#endif  // SAMSPAR_SERVICES_CONSULT_CONSULT_SCHEMA_H_
