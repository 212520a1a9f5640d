#include "common/api/update_mask.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "google/protobuf/util/message_differencer.h"
#include "common/status/errors.h"

namespace samspar::api {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool IsOutputOnly(const FieldRules& rules, const std::string& field) {
  return field == "name" || field == "etag" || rules.output_only.contains(field);
}

bool SameValue(const Message& a, const Message& b, const FieldDescriptor* field) {
  std::unique_ptr<Message> left(a.New());
  std::unique_ptr<Message> right(b.New());
  left->CopyFrom(a);
  right->CopyFrom(b);
  // Compare only `field`: clear every other one.
  std::vector<const FieldDescriptor*> set;
  for (Message* message : {left.get(), right.get()}) {
    set.clear();
    message->GetReflection()->ListFields(*message, &set);
    for (const FieldDescriptor* other : set) {
      if (other != field) message->GetReflection()->ClearField(message, other);
    }
  }
  return google::protobuf::util::MessageDifferencer::Equals(*left, *right);
}

void CopyField(const Message& from, const FieldDescriptor* field, Message& to) {
  const google::protobuf::Reflection* reflection = to.GetReflection();
  reflection->ClearField(&to, field);
  std::unique_ptr<Message> only(from.New());
  only->CopyFrom(from);
  std::vector<const FieldDescriptor*> set;
  only->GetReflection()->ListFields(*only, &set);
  for (const FieldDescriptor* other : set) {
    if (other != field) only->GetReflection()->ClearField(only.get(), other);
  }
  to.MergeFrom(*only);
}

}  // namespace

absl::Status ApplyUpdate(const Message& patch, const google::protobuf::FieldMask& mask, const FieldRules& rules,
                         absl::string_view field_prefix, Message& current) {
  const google::protobuf::Descriptor* descriptor = current.GetDescriptor();
  std::vector<const FieldDescriptor*> fields;
  if (mask.paths_size() == 0) {
    patch.GetReflection()->ListFields(patch, &fields);
    std::erase_if(fields, [&](const FieldDescriptor* f) { return IsOutputOnly(rules, f->name()); });
  } else {
    for (const std::string& path : mask.paths()) {
      if (path == "*") {
        for (int i = 0; i < descriptor->field_count(); ++i) {
          const FieldDescriptor* field = descriptor->field(i);
          if (!IsOutputOnly(rules, field->name())) fields.push_back(field);
        }
        continue;
      }
      const FieldDescriptor* field = descriptor->FindFieldByName(path);
      if (field == nullptr || IsOutputOnly(rules, path)) {
        return FieldError("update_mask", "INVALID_UPDATE_MASK",
                          absl::StrCat("update_mask: \"", path, "\" is not a field that can be updated"));
      }
      fields.push_back(field);
    }
  }
  for (const FieldDescriptor* field : fields) {
    if (rules.immutable.contains(field->name()) && !SameValue(patch, current, field)) {
      return FieldError(absl::StrCat(field_prefix, ".", field->name()), "IMMUTABLE_FIELD",
                        absl::StrCat(field_prefix, ".", field->name(), " cannot be changed"));
    }
  }
  for (const FieldDescriptor* field : fields) CopyField(patch, field, current);
  return absl::OkStatus();
}

}  // namespace samspar::api
