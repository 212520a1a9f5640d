#ifndef SAMSPAR_TOOLS_SAMSPAR_KPI_DEMO_EVENTS_H_
#define SAMSPAR_TOOLS_SAMSPAR_KPI_DEMO_EVENTS_H_

// Demo events for the KPIs of the local run: a year of consults and
// conferences of Region Jönköping's demo units (deploy/demo/units.csv) on
// the three demo lines, slowly improving, with the week's rhythm, the summer
// holidays and the Swedish public holidays.
//
// A day's events are a function of the day alone: event ids count per day
// and subject keys are SHA-256 hashes of a counter (never derived from a
// person), so a second ingestion adds nothing (DUPLICATE) and a later one
// adds only what has happened since. No event lies after `now`.

#include <ostream>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "samspar/v1/metrics.pb.h"

namespace samspar::cli {

// The demo lines' resource names, by the kind of track each serves.
struct DemoLines {
  std::string acute;       // internal medicine, Medicinkliniken Ryhov
  std::string semi_acute;  // cardiology, Hjärtkliniken Ryhov
  std::string ambulance;   // accessible primary care, Vårdcentralen Bra Liv Gislaved
};

// The events of the 365 days up to and including `now`'s day (local time).
std::vector<v1::Event> DemoEvents(const DemoLines& lines, absl::Time now, absl::TimeZone zone);

// `samspar kpi demo-events ACUTE_LINE SEMI_ACUTE_LINE AMBULANCE_LINE`: the
// events as IngestEventsRequest JSON, one batch of at most 1000 events a
// line.
int RunKpiDemoEvents(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace samspar::cli

#endif  // SAMSPAR_TOOLS_SAMSPAR_KPI_DEMO_EVENTS_H_
