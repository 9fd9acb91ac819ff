#include "model/run.h"

namespace tela {

const char* name_of(Status status) {
  switch (status) {
    case Status::kSolved: return "solved";
    case Status::kInfeasible: return "infeasible";
    case Status::kNotFound: return "not-found";
    case Status::kTimeout: return "timeout";
    case Status::kCancelled: return "cancelled";
  }
  return "unknown";
}

std::optional<Status> status_from_name(std::string_view name) {
  for (Status s : kAllStatuses)
    if (name == name_of(s)) return s;
  return std::nullopt;
}

}  // namespace tela
