#ifndef SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_IMPORT_H_
#define SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_IMPORT_H_

// ImportDirectory (roster.proto, "Directory: bulk import"): units and
// practitioners upserted by HSA-id, from records or CSV files, all or
// nothing. Every row is checked and written as the single creates and
// updates do (Units, Practitioners), in one transaction that is rolled back
// when any row is invalid or the call only validates. Callers are authorised
// before this is called.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/sql/database.h"
#include "samspar/v1/roster.pb.h"
#include "services/roster/directory/units.h"

namespace samspar::roster {

class DirectoryImport {
 public:
  explicit DirectoryImport(sql::Database& database);

  // Imports `request` into `region` (the one `request.parent` names). The
  // status fails only for the call as a whole (see the RPC); row errors are
  // in the response, which then counts nothing, since nothing was changed.
  absl::StatusOr<v1::ImportDirectoryResponse> Run(const std::string& region, const v1::ImportDirectoryRequest& request,
                                                  absl::Time now);

 private:
  sql::Database& database_;
  Units units_;
};

}  // namespace samspar::roster

#endif  // SAMSPAR_SERVICES_ROSTER_DIRECTORY_DIRECTORY_IMPORT_H_
