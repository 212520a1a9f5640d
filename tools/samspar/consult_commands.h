#ifndef SAMSPAR_TOOLS_SAMSPAR_CONSULT_COMMANDS_H_
#define SAMSPAR_TOOLS_SAMSPAR_CONSULT_COMMANDS_H_

// Consults from the command line, for clinicians (`--as=HSA-ID`, with
// --roles=clinician, ambulance_clinician or municipal_nurse), or a system
// acting for one:
//
//   samspar consult ask --consult_track=acute|semi-acute|primary-care
//        (--line=LINE | --consult_specialty=CODE | --consult_unit=HSA-ID | --practitioner=HSA-ID)
//        --question=TEXT [--consult_patient=PERSONNUMMER | --reserve_number=X [--reserve_region=06]]
//        [--priority=red|yellow|white] [--rub_band=1..5] [--mission=ID] [--requester_unit=HSA-ID]
//        [--callback=+46...] [--request_id=UUID]
//   samspar consult show ID
//   samspar consult list [--relation=requested|assigned|offered|participating|units] [--filter=TEXT]
//        [--consult_patient=PERSONNUMMER] [--page_size=N]
//   samspar consult accept ID
//   samspar consult decline ID --reason=busy|not-on-duty|not-for-this-line|other [--consult_note=TEXT]
//        [--suggested_line=LINE]
//   samspar consult answer ID --answer=TEXT --outcome=OUTCOME [--outcome_note=TEXT]
//   samspar consult outcome ID --outcome=OUTCOME [--outcome_note=TEXT]
//   samspar consult close ID
//   samspar consult cancel ID --reason=TEXT
//   samspar consult reassign ID (--to_practitioner=HSA-ID | --to_line=LINE) --consult_note=TEXT
//   samspar consult identify ID --consult_patient=PERSONNUMMER
//   samspar consult message ID --text=TEXT [--request_id=UUID]
//   samspar consult messages ID
//   samspar consult watch ID [--max_events=N]
//   samspar consult offers [--max_events=N]      the --as person's offers and assignments
//
// ID is a consult's name, `regions/06/consults/X`, or its id X in the
// caller's region (--region); a LINE is a line's name or id. Flags that
// other commands already use for something else carry the prefix consult_.
// Every command prints the consult it leaves (or the list, or the message);
// watch and offers print a line per event until the stream ends or Ctrl-C.

#include <ostream>
#include <string>
#include <vector>

#include "tools/samspar/cli_options.h"

namespace samspar::cli {

// `args` are the positional arguments, "samspar" and "consult" first. Exit
// status 0 on success, 1 when a call fails (the status and its reason on
// `err`, with the fallback phone or the line open instead when the service
// gives one), 2 for a usage error.
int RunConsultCommand(const CliOptions& options, const std::vector<std::string>& args, std::ostream& out,
                      std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_CONSULT_COMMANDS_H_
