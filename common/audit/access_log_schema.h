#ifndef SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SCHEMA_H_
#define SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SCHEMA_H_

// The access-log table, the same in every service that holds patient data:
// each appends it to its own migrations (the log lives beside the data it
// records, so that an entry commits or rolls back with the change).
//
// Released as migration 2 of consult and conference: never edited; a change
// is a new migration in each.
//
// Append-only: no code updates or deletes a row; removal is the region's
// retention policy, run outside the services.
//
// `patient_key` (and `previous_patient_key`) is the patient's identity as one
// searchable text: the kind and the value, and for a reserve number also the
// issuing region (see PatientKey in access_log.h). `actor_roles` holds the
// role names (CallerRole without its prefix) separated by spaces.

namespace samspar::audit {

inline constexpr char kAccessLogMigrationName[] = "access log";

inline constexpr char kAccessLogMigrationSql[] =
    "CREATE TABLE access_log ("
    "  region TEXT NOT NULL,"
    "  entry_id TEXT NOT NULL,"
    "  access_time BIGINT NOT NULL,"
    "  actor_kind TEXT NOT NULL,"
    "  actor_hsa_id TEXT,"
    "  actor_client_id TEXT,"
    "  actor_unit_hsa_id TEXT,"
    "  actor_roles TEXT NOT NULL,"
    "  patient_key TEXT,"
    "  patient_kind TEXT,"
    "  patient_value TEXT,"
    "  patient_issuing_region TEXT,"
    "  patient_issuing_unit TEXT,"
    "  previous_patient_key TEXT,"
    "  previous_patient_kind TEXT,"
    "  previous_patient_value TEXT,"
    "  previous_patient_issuing_region TEXT,"
    "  previous_patient_issuing_unit TEXT,"
    "  resource TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  query_kind TEXT NOT NULL,"
    "  method TEXT NOT NULL,"
    "  service TEXT NOT NULL,"
    "  basis TEXT NOT NULL,"
    "  outcome TEXT NOT NULL,"
    "  peer TEXT NOT NULL,"
    "  trace_id TEXT NOT NULL,"
    "  PRIMARY KEY (region, entry_id));"
    "CREATE INDEX access_log_by_patient"
    "  ON access_log (region, patient_key, access_time, entry_id);"
    "CREATE INDEX access_log_by_previous_patient"
    "  ON access_log (region, previous_patient_key);"
    "CREATE INDEX access_log_by_user"
    "  ON access_log (region, actor_hsa_id, access_time, entry_id);"
    "CREATE INDEX access_log_by_client"
    "  ON access_log (region, actor_client_id, access_time, entry_id);";

}  // namespace samspar::audit

#endif  // SAMSPAR_COMMON_AUDIT_ACCESS_LOG_SCHEMA_H_
