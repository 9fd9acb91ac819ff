// The Embind API of tela.wasm: the core, one to one, for the page, its worker and Node.
//
//   const tela = await createTela();
//   tela.algorithms()          -> [{name, summary}], the order and names of `tela --help`
//   tela.eventKinds(), tela.reasons() -> names of trace codes ("place", "best-fit-gap", ...)
//   tela.loadProblem(csvText, fileName, capacity?) -> {problem} | {error: "file:line:col: what"}
//   problem.solve(algorithm, options?) -> {run} | {error}
//   problem.stats(), lowerBound(), sections(), buffers(), validate(offsets), solutionCsv(offsets)
//   run.status(), offsets(), trace(), describe(i), validate(), solutionCsv(), traceJsonl()
//   problem.delete(), run.delete(): Embind objects live in the WASM heap until deleted.
// See problem_handle.h, run_handle.h and solve_options.h for every field.
#include <emscripten/bind.h>

#include "model/trace.h"
#include "problem_handle.h"
#include "run_handle.h"
#include "services/registry.h"

namespace tela::web {
namespace {

val algorithms_to_js() {
  val out = val::array();
  int i = 0;
  for (const Algorithm& a : algorithms()) {
    val entry = val::object();
    entry.set("name", std::string(a.name));
    entry.set("summary", std::string(a.summary));
    out.set(i++, entry);
  }
  return out;
}

template <typename Enum>
val names_to_js(int count) {
  val out = val::array();
  for (int i = 0; i < count; ++i) out.set(i, std::string(name_of(Enum(i))));
  return out;
}

}  // namespace
}  // namespace tela::web

EMSCRIPTEN_BINDINGS(tela) {
  using namespace emscripten;
  using namespace tela::web;
  function("algorithms", &algorithms_to_js);
  function("eventKinds", +[] { return names_to_js<tela::EventKind>(tela::kEventKindCount); });
  function("reasons", +[] { return names_to_js<tela::Reason>(tela::kReasonCount); });
  function("loadProblem", &load_problem);

  class_<ProblemHandle>("Problem")
      .function("bufferCount", &ProblemHandle::bufferCount)
      .function("capacity", &ProblemHandle::capacity)
      .function("buffers", &ProblemHandle::buffers)
      .function("stats", &ProblemHandle::stats)
      .function("lowerBound", &ProblemHandle::lowerBound)
      .function("sections", &ProblemHandle::sections)
      .function("proveInfeasible", &ProblemHandle::proveInfeasible)
      .function("solve", &ProblemHandle::solve)
      .function("minimize", &ProblemHandle::minimize)
      .function("explain", &ProblemHandle::explain)
      .function("validate", &ProblemHandle::validate)
      .function("solutionCsv", &ProblemHandle::solutionCsv)
      .function("draw", &ProblemHandle::draw)
      // The options left out, as index.d.ts allows (Embind overloads by argument count; a
      // call with fewer arguments than bound threw "called with 1 arguments, expected 2").
      .function("solve", optional_override([](const ProblemHandle& p, const std::string& a) { return p.solve(a, val::undefined()); }))
      .function("minimize", optional_override([](const ProblemHandle& p) { return p.minimize(val::undefined()); }))
      .function("explain", optional_override([](const ProblemHandle& p) { return p.explain(val::undefined()); }))
      .function("draw", optional_override([](const ProblemHandle& p, const val& offsets) { return p.draw(offsets, val::undefined()); }))
      .function("describeEvent", &ProblemHandle::describeEvent);

  class_<RunHandle>("Run")
      .function("status", &RunHandle::status)
      .function("algorithm", &RunHandle::algorithm)
      .function("detail", &RunHandle::detail)
      .function("seconds", &RunHandle::seconds)
      .function("peak", &RunHandle::peak)
      .function("lowerBound", &RunHandle::lowerBound)
      .function("exitCode", &RunHandle::exitCode)
      .function("offsets", &RunHandle::offsets)
      .function("validate", &RunHandle::validate)
      .function("solutionCsv", &RunHandle::solutionCsv)
      .function("traceJsonl", &RunHandle::traceJsonl)
      .function("eventCount", &RunHandle::eventCount)
      .function("trace", &RunHandle::trace)
      .function("describe", &RunHandle::describe);
}
