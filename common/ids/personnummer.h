#ifndef SAMSPAR_COMMON_IDS_PERSONNUMMER_H_
#define SAMSPAR_COMMON_IDS_PERSONNUMMER_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace samspar::ids {

// Why a text is not a personnummer, as the machine-readable reason that a
// rejected parse carries under kReasonPayloadKey (see common/status/errors.h).
inline constexpr absl::string_view kPersonnummerBadFormat =
    "PERSONNUMMER_BAD_FORMAT";
inline constexpr absl::string_view kPersonnummerBadCheckDigit =
    "PERSONNUMMER_BAD_CHECK_DIGIT";
inline constexpr absl::string_view kPersonnummerBadDate =
    "PERSONNUMMER_BAD_DATE";
inline constexpr absl::string_view kPersonnummerFutureDate =
    "PERSONNUMMER_FUTURE_DATE";
// Interim numbers (a letter in the serial number, e.g. YYYYMMDD-TNNN) are
// given by care providers to patients without a personnummer; they are local.
inline constexpr absl::string_view kPersonnummerInterim =
    "PERSONNUMMER_INTERIM";
// Organisation numbers share the format but have month digits of 20 or more.
inline constexpr absl::string_view kPersonnummerOrganisationNumber =
    "PERSONNUMMER_ORGANISATION_NUMBER";

enum class PersonnummerKind {
  kPersonnummer,
  // Samordningsnummer: given by Skatteverket to people who are not or have
  // not been registered in Sweden; written with the day of birth + 60.
  kSamordningsnummer,
};

// A patient's identity: a valid personnummer or samordningsnummer.
//
// Patient identity is sensitive personal data. This type never turns into a
// string by itself (no conversion, no operator<<): say which form you need —
// canonical() for storage and the wire, Display() for the care professional's
// record view, Masked() for everything else a person might see. Parse errors
// never contain the input.
class Personnummer final {
 public:
  // Accepts YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDDNNNC, YYMMDD-NNNC and
  // YYMMDD+NNNC.
  //
  // The 10-digit forms leave out the century, which is read relative to
  // `today`: without separator or with '-', the most recent such birth date
  // that is not in the future (age 0 to 99). Skatteverket writes '+' instead
  // of '-' from the calendar year in which a person turns 100, so with '+'
  // the birth year is the latest one at least 100 years before today's.
  // A 12-digit form may also carry '+', but only for such a person.
  //
  // Errors are InvalidArgument with a reason payload (kPersonnummer*).
  static absl::StatusOr<Personnummer> Parse(absl::string_view text,
                                            absl::CivilDay today);
  // As above, with today's date in Europe/Stockholm.
  static absl::StatusOr<Personnummer> Parse(absl::string_view text);

  // YYYYMMDDNNNC: the one form to store and exchange.
  const std::string& canonical() const { return canonical_; }
  // YYYYMMDD-NNNC, as Skatteverket presents it.
  std::string Display() const;
  // YYYYMMDD-****: enough for a person to recognise whom a screen is about.
  std::string Masked() const;

  PersonnummerKind kind() const { return kind_; }
  // The birth date the number gives (for a samordningsnummer, day - 60). It
  // is usually, not always, the real one: when a day's serial numbers run
  // out, Skatteverket uses a nearby day of the same month.
  absl::CivilDay birth_date() const { return birth_date_; }

  friend bool operator==(const Personnummer& a, const Personnummer& b) {
    return a.canonical_ == b.canonical_;
  }
  template <typename H>
  friend H AbslHashValue(H state, const Personnummer& personnummer) {
    return H::combine(std::move(state), personnummer.canonical_);
  }

 private:
  Personnummer(std::string canonical, PersonnummerKind kind,
               absl::CivilDay birth_date)
      : canonical_(std::move(canonical)),
        kind_(kind),
        birth_date_(birth_date) {}

  std::string canonical_;
  PersonnummerKind kind_;
  absl::CivilDay birth_date_;
};

}  // namespace samspar::ids

#endif  // SAMSPAR_COMMON_IDS_PERSONNUMMER_H_
