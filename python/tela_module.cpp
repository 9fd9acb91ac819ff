// tela._tela: the Python module's C++ half (pybind11). tela/__init__.py wraps it with the
// documented signatures; everything here takes a Problem.
//
// Arrays come in as NumPy int64 arrays (a list or another integer dtype is converted once, as a
// whole) and are read in place; offsets go out as NumPy arrays that own the result's vector, so
// nothing is copied per element on the way out. A solve runs on a thread of its own with the GIL
// released; the calling thread wakes every 50 ms to let Python run its signal handlers, and a
// KeyboardInterrupt (Ctrl+C) sets the run's cancel flag, waits for it to stop and is raised.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <tela/tela.h>

namespace py = pybind11;

namespace tela::python {
namespace {

// A rejected input: raised in Python as tela.InputError (a ValueError) with the CLI's message.
struct InputErrorException : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Int64Array = py::array_t<int64_t, py::array::c_style>;

// A C-contiguous int64 view of `object` (no copy when it already is one); integers only.
Int64Array int64_array(const py::object& object, const char* name) {
  py::array array = py::array::ensure(object);
  if (!array) throw py::type_error(std::string(name) + " must be an array or a list of integers");
  const char kind = array.dtype().kind();
  if (kind != 'i' && kind != 'u' && kind != 'b' && !(kind == 'f' && array.size() == 0))
    throw py::type_error(std::string(name) + " must hold integers, not " +
                         std::string(py::str(array.dtype())));
  if (array.ndim() != 1) throw py::value_error(std::string(name) + " must be one-dimensional");
  return Int64Array::ensure(array);  // converts (one pass, in NumPy) only when it must
}

std::span<const int64_t> span_of(const Int64Array& a) { return {a.data(), size_t(a.size())}; }

// A NumPy array that owns `values` (moved, not copied).
template <typename T>
py::array_t<T> to_numpy(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(py::ssize_t(owned->size()), owned->data(), owner);
}

// Offsets for Python: -1 where a run left a buffer unplaced (no valid offset is negative).
py::array_t<int64_t> offsets_to_numpy(Solution&& solution) {
  for (Offset& o : solution.offsets)
    if (o == kUnplaced) o = -1;
  return to_numpy(std::move(solution.offsets));
}

// The records' block of the last problem built from arrays, kept when that problem is freed
// and reused by the next one it is large enough for. A fresh block is faulted in page by page
// as the records are written: for 10^6 buffers, 80 MB, ~10 ms when the kernel has the pages at
// hand, but 50-150 ms on this VM once they have gone back to its host (free page reporting, a
// second or two after they were freed), up to a fifth of best-fit's solve; a reused block is
// already mapped in. The cost: the module holds one block (80 bytes a buffer) after the problem
// is gone, until a problem built from arrays next frees its own.
class SpareRecords {
 public:
  std::vector<Buffer> take(size_t n) {
    const std::lock_guard lock(mutex_);
    return spare_.capacity() >= n ? std::exchange(spare_, {}) : std::vector<Buffer>{};
  }
  void give(std::vector<Buffer>&& records) {
    records.clear();  // the records destroyed here, outside the lock; the block kept
    const std::lock_guard lock(mutex_);
    spare_ = std::move(records);  // the one held before, if any, freed
  }

 private:
  std::mutex mutex_;  // take() runs with the GIL released
  std::vector<Buffer> spare_;
};

SpareRecords& spare_records() {
  static auto* spare = new SpareRecords;  // never destroyed: a problem may be freed at exit
  return *spare;
}

// The problem Python holds: immutable once built, shared by the results made from it.
struct PyProblem {
  std::shared_ptr<const Problem> problem;

  static PyProblem from_arrays(const py::object& lower, const py::object& upper,
                               const py::object& size, std::optional<Size> capacity,
                               const py::object& alignment, const py::object& offset) {
    const Int64Array l = int64_array(lower, "lower"), u = int64_array(upper, "upper"),
                     s = int64_array(size, "size");
    ArraysInput in{.lower = span_of(l), .upper = span_of(u), .size = span_of(s),
                   .capacity = capacity};
    Int64Array a, o;
    if (!alignment.is_none()) in.alignment = span_of(a = int64_array(alignment, "alignment"));
    if (!offset.is_none()) in.offset = span_of(o = int64_array(offset, "offset"));
    ArraysResult built;
    {
      py::gil_scoped_release release;  // reads the arrays in place, held by l, u, s, a, o
      built = problem_from_arrays(in, spare_records().take(in.lower.size()));
    }
    if (built.error) throw InputErrorException(built.error->message());
    // Freed, its records' block goes back to the spare (see SpareRecords).
    return {std::shared_ptr<Problem>(new Problem(std::move(built.problem)), [](Problem* p) {
      spare_records().give(std::move(p->buffers));
      delete p;
    })};
  }

  // As `tela solve FILE` reads it: --capacity, else the capacity the file's name gives.
  static PyProblem from_csv(const std::string& path, std::optional<Size> capacity) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputErrorException(path + ": cannot open: " + std::strerror(errno));
    if (!capacity) capacity = capacity_from_file_name(path);
    CsvReadResult read = read_csv(in, path, {.capacity = capacity});
    if (read.error) throw InputErrorException(read.error->message());
    return {std::make_shared<const Problem>(std::move(read.problem))};
  }

  const Problem& get() const { return *problem; }

  template <typename Field>
  py::array_t<int64_t> column(Field field) const {
    std::vector<int64_t> out(problem->buffers.size());
    for (size_t i = 0; i < out.size(); ++i) out[i] = field(problem->buffers[i]);
    return to_numpy(std::move(out));
  }
};

// The problem at `capacity` (the problem's own when none is given): a copy only when it differs.
std::shared_ptr<const Problem> at_capacity(const PyProblem& p, std::optional<Size> capacity) {
  if (!capacity || *capacity == p.get().capacity) return p.problem;
  if (*capacity < 0 || *capacity > kMaxValue)
    throw InputErrorException("capacity " + std::to_string(*capacity) +
                              " must be a whole number of bytes from 0 to 2^62");
  auto copy = std::make_shared<Problem>(p.get());
  copy->capacity = *capacity;
  for (size_t i = 0; i < copy->buffers.size(); ++i) {
    const Buffer& b = copy->buffers[i];
    if (b.fixed_offset && *b.fixed_offset + b.size > *capacity)
      throw InputErrorException("buffer " + b.id + ": offset " + std::to_string(*b.fixed_offset) +
                                " + size " + std::to_string(b.size) + " exceeds the capacity " +
                                std::to_string(*capacity));
  }
  return copy;
}

// Runs `work(options)` on its own thread with the GIL released; Ctrl+C cancels it (see above).
// `poll` runs with the GIL held while it waits (every 50 ms) and once after: where Python
// callbacks are called, on this thread; an exception they raise cancels the run and is raised.
template <typename Work, typename Poll = void (*)()>
auto run_releasing_gil(SolveOptions options, Work&& work, Poll&& poll = [] {}) {
  std::atomic<bool> cancel{false};
  options.cancel = &cancel;
  std::optional<decltype(work(options))> result;
  std::exception_ptr failure;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::thread worker([&] {
      try {
        result.emplace(work(options));
      } catch (...) {
        failure = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      done = true;
      finished.notify_one();
    });
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      if (interrupted) continue;
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        try {
          poll();
        } catch (py::error_already_set& e) {
          e.restore();  // raised below, as a signal handler's exception is
        }
        if (PyErr_Occurred() || PyErr_CheckSignals() != 0) {  // a handler raised: stop the run
          interrupted = true;
          cancel = true;
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (interrupted) throw py::error_already_set();  // the handler's exception, still pending
  if (failure) std::rethrow_exception(failure);
  poll();  // what the run reported after the last wait
  return std::move(*result);
}

SolveOptions options_of(double timeout) {
  if (!(timeout >= 0 && timeout <= 1e9))
    throw py::value_error("timeout must be a number of seconds from 0 to 1e9 (0: no limit)");
  return SolveOptions{.timeout_seconds = timeout};
}

// A seed: a whole number from 0 to 2^64 - 1, as the CLI's --seed.
uint64_t seed_of(const py::handle& value) {
  if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
    throw py::type_error("seed must be a whole number");
  const py::int_ number = py::reinterpret_borrow<py::int_>(value);
  if (number < py::int_(0) || number > py::int_(~uint64_t{0}))
    throw py::value_error("seed must be a whole number from 0 to 2^64 - 1");
  return number.cast<uint64_t>();
}

// A whole number in [low, high] (True and False are not numbers here).
int64_t whole_number(const std::string& name, const py::handle& value, int64_t low, int64_t high) {
  if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
    throw py::type_error(name + " must be a whole number");
  const py::int_ number = py::reinterpret_borrow<py::int_>(value);
  if (number < py::int_(low) || number > py::int_(high))
    throw py::value_error(name + " must be from " + std::to_string(low) + " to " + std::to_string(high));
  return number.cast<int64_t>();
}

// exact={"valleys": False, ...}: a rule of kExactRules per key, as the CLI's --no-valleys.
void exact_rules_of(const py::handle& value, ExactParams& out) {
  if (!py::isinstance<py::dict>(value)) throw py::type_error("exact must be a dict of rule name -> bool");
  for (const auto& [key, on] : py::reinterpret_borrow<py::dict>(value)) {
    const std::string name = py::str(key);
    const auto rule = std::find_if(std::begin(kExactRules), std::end(kExactRules),
                                   [&](const ExactRule& r) { return name == r.name; });
    if (rule == std::end(kExactRules)) {
      std::string known;
      for (const ExactRule& r : kExactRules) known += (known.empty() ? "" : ", ") + std::string(r.name);
      throw py::value_error("exact has no rule '" + name + "'; the rules are " + known);
    }
    if (!py::isinstance<py::bool_>(on)) throw py::type_error("exact['" + name + "'] must be True or False");
    out.*rule->field = on.cast<bool>();
  }
}

// The algorithms' parameters, one keyword each as the CLI has a flag each (None: the default):
// minor_backtracks, major_backtracks (telamalloc), exact (its rules), and the improvement's
// seed, improve_work, window, move_work (auto past 1200 buffers, and minimize).
void apply_params(const py::dict& params, SolveOptions& o) {
  constexpr int64_t kMost = int64_t{1} << 40;
  for (const auto& [key, value] : params) {
    const std::string name = py::str(key);
    if (value.is_none()) continue;
    if (name == "minor_backtracks") o.telamalloc.minor_backtracks = whole_number(name, value, 0, kMost);
    else if (name == "major_backtracks") o.telamalloc.major_backtracks = whole_number(name, value, 0, kMost);
    else if (name == "exact") exact_rules_of(value, o.exact);
    else if (name == "seed") o.improve.seed = seed_of(value);
    else if (name == "improve_work") o.improve.work = whole_number(name, value, 0, kMost);
    else if (name == "window") o.improve.window = whole_number(name, value, 1, 256);
    else if (name == "move_work") o.improve.move_work = whole_number(name, value, 1, int64_t{1} << 30);
    else throw py::type_error("unknown option '" + name + "'");
  }
}

const Algorithm& algorithm_named(const std::string& name) {
  const Algorithm* found = find_algorithm(name);
  if (!found) {
    std::string known;
    for (const Algorithm& a : algorithms()) known += (known.empty() ? "" : ", ") + std::string(a.name);
    throw py::value_error("unknown algorithm '" + name + "'; the algorithms are " + known);
  }
  return *found;
}

// A solve's outcome, as Python sees it.
struct PyResult {
  std::string status;          // solved, infeasible, not-found, timeout, cancelled
  py::array_t<int64_t> offsets;  // -1: not placed
  Size peak = 0;
  Size capacity = 0;
  bool proven = false;         // status infeasible: proven that nothing fits
  std::string algorithm, detail;
  double seconds = 0;
  // tela.trace only: the events as arrays, and what is needed to put them in words.
  std::shared_ptr<const Problem> problem;
  std::shared_ptr<const Trace> trace;
  int64_t dropped_events = 0;
};

PyResult to_result(SolveResult&& r, Size capacity) {
  PyResult out;
  out.status = name_of(r.status);
  out.proven = r.status == Status::kInfeasible;
  out.peak = r.peak;
  out.capacity = capacity;
  out.algorithm = std::move(r.algorithm);
  out.detail = std::move(r.detail);
  out.seconds = r.seconds;
  out.offsets = offsets_to_numpy(std::move(r.solution));
  return out;
}

PyResult run_solve(const PyProblem& p, std::optional<Size> capacity, const std::string& algo,
               double timeout, const py::dict& params) {
  const Algorithm& algorithm = algorithm_named(algo);
  SolveOptions options = options_of(timeout);
  apply_params(params, options);
  const std::shared_ptr<const Problem> problem = at_capacity(p, capacity);
  SolveResult r = run_releasing_gil(options, [&](const SolveOptions& o) {
    return tela::solve(*problem, algorithm, o);
  });
  return to_result(std::move(r), problem->capacity);
}

PyResult run_trace(const PyProblem& p, std::optional<Size> capacity, const std::string& algo,
               double timeout, int64_t max_events, const py::dict& params) {
  const Algorithm& algorithm = algorithm_named(algo);
  SolveOptions options = options_of(timeout);
  apply_params(params, options);
  const std::shared_ptr<const Problem> problem = at_capacity(p, capacity);
  auto recorded = std::make_shared<Trace>();
  int64_t dropped = 0;
  SolveResult r = run_releasing_gil(options, [&](const SolveOptions& o) {
    return solve_recording(*problem, algorithm, o, recorded.get(), max_events, &dropped);
  });
  PyResult out = to_result(std::move(r), problem->capacity);
  out.problem = problem;
  out.trace = std::move(recorded);
  out.dropped_events = dropped;
  return out;
}

// The events as parallel arrays: kind, reason (indices into tela.EVENT_KINDS, tela.REASONS),
// buffer, offset, limit, time_lower, time_upper, and event i's blamed buffers at
// causes[cause_begin[i]:cause_begin[i + 1]].
py::dict events_of(const PyResult& r) {
  if (!r.trace) throw py::value_error("this result has no trace: use tela.trace(...)");
  py::dict out;
  TraceColumns columns = columns_of(*r.trace);
  for_each_column(columns, [&](ColumnName name, auto& column) {
    out[py::str(std::string(name.snake))] = to_numpy(std::move(column));
  });
  return out;
}

std::string describe_event(const PyResult& r, py::ssize_t i) {
  if (!r.trace) throw py::value_error("this result has no trace: use tela.trace(...)");
  const py::ssize_t n = py::ssize_t(r.trace->events.size());
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw py::index_error("event " + std::to_string(i) + " out of range");
  return describe(*r.problem, r.trace->events[size_t(i)], r.trace->causes_of(size_t(i)));
}

struct PyMinimizeResult {
  std::string status;
  Size capacity = 0, lower_bound = 0;
  bool proven = false;  // capacity is proven minimal
  py::array_t<int64_t> offsets;
  std::string algorithm, detail, bound_argument;
  double seconds = 0;
};

// The improvement's parameters, checked as the CLI checks --seed, --improve-work, --window and
// --move-work.
// Steps reach `on_step` (a callable or None) as dicts on the calling thread, with the GIL held.
PyMinimizeResult run_minimize(const PyProblem& p, double timeout, const py::dict& params,
                              const py::object& on_step) {
  if (!on_step.is_none() && !PyCallable_Check(on_step.ptr())) throw py::type_error("on_step must be callable");
  SolveOptions options = options_of(timeout);
  apply_params(params, options);
  std::mutex mutex;
  std::vector<MinimizeStep> steps;  // reported, not yet handed to on_step
  const auto report = [&] {
    std::vector<MinimizeStep> ready;
    {
      const std::lock_guard lock(mutex);
      ready.swap(steps);
    }
    for (const MinimizeStep& s : ready)
      on_step(py::dict(py::arg("seconds") = s.seconds, py::arg("capacity") = s.capacity,
                       py::arg("proven_below") = s.proven_below, py::arg("found_by") = s.found_by,
                       py::arg("moves") = s.moves));
  };
  MinimizeResult r = run_releasing_gil(options, [&](const SolveOptions& o) {
    if (on_step.is_none()) return tela::minimize(p.get(), o);
    return tela::minimize(p.get(), o, [&](const MinimizeStep& s) {
      const std::lock_guard lock(mutex);
      steps.push_back(s);
      steps.back().offsets = {};  // a view valid only during this call: never kept
    });
  }, report);
  return {name_of(r.status), r.capacity, r.lower_bound, r.proven_minimal,
          offsets_to_numpy(std::move(r.solution)), std::move(r.algorithm), std::move(r.detail),
          std::move(r.bound_argument), r.seconds};
}

py::dict sections_to_dict(const std::vector<Section>& s) {
  std::vector<int64_t> lower(s.size()), upper(s.size()), load(s.size());
  std::vector<int32_t> live(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    lower[i] = s[i].lower;
    upper[i] = s[i].upper;
    load[i] = s[i].load;
    live[i] = s[i].live;
  }
  py::dict out;
  out["lower"] = to_numpy(std::move(lower));
  out["upper"] = to_numpy(std::move(upper));
  out["load"] = to_numpy(std::move(load));
  out["live"] = to_numpy(std::move(live));
  return out;
}

struct PyExplanation {
  std::string status;  // infeasible: `buffers` cannot fit together; solved: everything fits
  py::array_t<int32_t> buffers;
  bool minimal = false;
  py::dict collisions;
  py::array_t<int64_t> offsets;
  std::string detail;
};

PyExplanation run_explain(const PyProblem& p, std::optional<Size> capacity, double timeout, const py::dict& params) {
  const std::shared_ptr<const Problem> problem = at_capacity(p, capacity);
  SolveOptions options = options_of(timeout);
  apply_params(params, options);
  Explanation e = run_releasing_gil(options, [&](const SolveOptions& o) {
    return tela::explain(*problem, o);
  });
  return {name_of(e.status), to_numpy(std::move(e.buffers)), e.minimal,
          sections_to_dict(e.collisions), offsets_to_numpy(std::move(e.solution)),
          std::move(e.detail)};
}

struct PyValidation {
  bool ok = false;
  std::string verdict, text;
  BufferIndex buffer = -1, other = -1;
  Size peak = 0;
};

// Offsets from Python, one per buffer: -1 (the arrays' "not placed") becomes kUnplaced.
Solution solution_from_py(const py::object& offsets) {
  const Int64Array o = int64_array(offsets, "offsets");
  Solution solution{std::vector<Offset>(o.data(), o.data() + o.size())};
  for (Offset& x : solution.offsets)
    if (x == -1) x = kUnplaced;
  return solution;
}

PyValidation validate_offsets(const PyProblem& p, std::optional<Size> capacity,
                              const py::object& offsets) {
  const std::shared_ptr<const Problem> problem = at_capacity(p, capacity);
  const Solution solution = solution_from_py(offsets);
  const Validation v = validate(*problem, solution);
  return {v.ok(), name_of(v.verdict), describe(*problem, v), v.buffer, v.other,
          solution.offsets.size() == problem->buffers.size() ? peak_of(*problem, solution) : 0};
}

// `tela draw`: the allocation as text; offsets as validate_offsets takes them.
std::string draw_offsets(const PyProblem& p, std::optional<Size> capacity, const py::object& offsets,
                         const std::string& format, int columns, int rows, const std::vector<int64_t>& colours) {
  const std::shared_ptr<const Problem> problem = at_capacity(p, capacity);
  const Solution solution = solution_from_py(offsets);
  if (solution.offsets.size() != problem->buffers.size())
    throw py::value_error("offsets has " + std::to_string(solution.offsets.size()) + " values for " +
                          std::to_string(problem->buffers.size()) + " buffers");
  DrawingOptions d{.columns = columns, .rows = rows, .capacity = problem->capacity};
  const std::optional<DrawingFormat> named = drawing_format_named(format);
  if (!named) throw py::value_error("format must be 'ascii', 'svg' or 'tikz', not '" + format + "'");
  d.format = *named;
  if (columns < 1 || rows < 1) throw py::value_error("columns and rows must be at least 1");
  for (const int64_t c : colours) {
    if (c < 0 || c > 0xFFFFFF) throw py::value_error("colours must be 0xRRGGBB numbers (0 to 16777215), not " + std::to_string(c));
    d.colours.push_back(uint32_t(c));
  }
  std::ostringstream out;
  write_drawing(out, *problem, solution, d);
  return out.str();
}

// Problem: built from arrays or a CSV file, its columns read back as arrays.
void bind_problem(py::module_& m) {
  py::class_<PyProblem>(m, "Problem")
      .def_static("from_arrays", &PyProblem::from_arrays, py::arg("lower"), py::arg("upper"),
                  py::arg("size"), py::arg("capacity") = py::none(),
                  py::arg("alignment") = py::none(), py::arg("offset") = py::none())
      .def_static("from_csv", &PyProblem::from_csv, py::arg("path"),
                  py::arg("capacity") = py::none())
      .def("__len__", [](const PyProblem& p) { return p.get().buffers.size(); })
      .def_property_readonly("capacity", [](const PyProblem& p) { return p.get().capacity; })
      .def_property_readonly("ids", [](const PyProblem& p) {
        std::vector<std::string> ids;
        for (const Buffer& b : p.get().buffers) ids.push_back(b.id);
        return ids;
      })
      .def_property_readonly("lower", [](const PyProblem& p) { return p.column([](const Buffer& b) { return b.lower; }); })
      .def_property_readonly("upper", [](const PyProblem& p) { return p.column([](const Buffer& b) { return b.upper; }); })
      .def_property_readonly("size", [](const PyProblem& p) { return p.column([](const Buffer& b) { return b.size; }); })
      .def_property_readonly("alignment", [](const PyProblem& p) { return p.column([](const Buffer& b) { return b.alignment; }); })
      .def_property_readonly("offset", [](const PyProblem& p) {
        return p.column([](const Buffer& b) { return b.fixed_offset.value_or(-1); });
      })
      .def("__repr__", [](const PyProblem& p) {
        return "<tela.Problem: " + std::to_string(p.get().buffers.size()) + " buffers, capacity " +
               std::to_string(p.get().capacity) + ">";
      });
}

// What the functions return: a run, a minimisation, an explanation, a validation.
void bind_results(py::module_& m) {
  py::class_<PyResult>(m, "Result")
      .def_readonly("status", &PyResult::status)
      .def_readonly("offsets", &PyResult::offsets)
      .def_readonly("peak", &PyResult::peak)
      .def_readonly("capacity", &PyResult::capacity)
      .def_readonly("proven", &PyResult::proven)
      .def_readonly("algorithm", &PyResult::algorithm)
      .def_readonly("detail", &PyResult::detail)
      .def_readonly("seconds", &PyResult::seconds)
      .def_readonly("dropped_events", &PyResult::dropped_events)
      .def_property_readonly("solved", [](const PyResult& r) { return r.status == "solved"; })
      .def_property_readonly("events", &events_of)
      .def("text", &describe_event, py::arg("event"))
      .def("__repr__", [](const PyResult& r) {
        return "<tela.Result: " + r.status + " by " + r.algorithm + ", peak " +
               std::to_string(r.peak) + ">";
      });

  py::class_<PyMinimizeResult>(m, "MinimizeResult")
      .def_readonly("status", &PyMinimizeResult::status)
      .def_readonly("capacity", &PyMinimizeResult::capacity)
      .def_readonly("lower_bound", &PyMinimizeResult::lower_bound)
      .def_readonly("proven", &PyMinimizeResult::proven)
      .def_readonly("offsets", &PyMinimizeResult::offsets)
      .def_readonly("algorithm", &PyMinimizeResult::algorithm)
      .def_readonly("detail", &PyMinimizeResult::detail)
      .def_readonly("bound_argument", &PyMinimizeResult::bound_argument)
      .def_readonly("seconds", &PyMinimizeResult::seconds);

  py::class_<PyExplanation>(m, "Explanation")
      .def_readonly("status", &PyExplanation::status)
      .def_readonly("buffers", &PyExplanation::buffers)
      .def_readonly("minimal", &PyExplanation::minimal)
      .def_readonly("collisions", &PyExplanation::collisions)
      .def_readonly("offsets", &PyExplanation::offsets)
      .def_readonly("detail", &PyExplanation::detail);

  py::class_<PyValidation>(m, "Validation")
      .def_readonly("ok", &PyValidation::ok)
      .def_readonly("verdict", &PyValidation::verdict)
      .def_readonly("text", &PyValidation::text)
      .def_readonly("buffer", &PyValidation::buffer)
      .def_readonly("other", &PyValidation::other)
      .def_readonly("peak", &PyValidation::peak)
      .def("__bool__", [](const PyValidation& v) { return v.ok; })
      .def("__repr__", [](const PyValidation& v) { return "<tela.Validation: " + v.text + ">"; });
}

void bind_functions(py::module_& m) {
  m.def("solve", &run_solve, py::arg("problem"), py::arg("capacity"), py::arg("algo"),
        py::arg("timeout"), py::arg("params"));
  m.def("trace", &run_trace, py::arg("problem"), py::arg("capacity"), py::arg("algo"),
        py::arg("timeout"), py::arg("max_events"), py::arg("params"));
  m.def("minimize", &run_minimize, py::arg("problem"), py::arg("timeout"), py::arg("params"),
        py::arg("on_step"));
  m.def("explain", &run_explain, py::arg("problem"), py::arg("capacity"), py::arg("timeout"), py::arg("params"));
  m.def("validate", &validate_offsets, py::arg("problem"), py::arg("capacity"),
        py::arg("offsets"));
  m.def("draw", &draw_offsets, py::arg("problem"), py::arg("capacity"), py::arg("offsets"),
        py::arg("format"), py::arg("columns"), py::arg("rows"), py::arg("colours"));
  m.def("lower_bound", [](const PyProblem& p) {
    return lower_bound(compute_sections(p.get()));
  });
  m.def("sections", [](const PyProblem& p) { return sections_to_dict(compute_sections(p.get())); });
}

// The names the core knows, each from its own table: algorithms, event kinds, reasons, the
// exact search's rules.
void bind_names(py::module_& m) {
  std::vector<std::string> names;
  for (const Algorithm& a : algorithms()) names.emplace_back(a.name);
  m.attr("ALGORITHMS") = py::tuple(py::cast(names));
  names.clear();
  for (int i = 0; i < kEventKindCount; ++i) names.emplace_back(name_of(EventKind(i)));
  m.attr("EVENT_KINDS") = py::tuple(py::cast(names));
  names.clear();
  for (int i = 0; i < kReasonCount; ++i) names.emplace_back(name_of(Reason(i)));
  m.attr("REASONS") = py::tuple(py::cast(names));
  names.clear();
  for (const ExactRule& r : kExactRules) names.emplace_back(r.name);
  m.attr("EXACT_RULES") = py::tuple(py::cast(names));
}

}  // namespace
}  // namespace tela::python

PYBIND11_MODULE(_tela, m) {
  using namespace tela::python;
  m.doc() = "tela's C++ core; import tela, not this module";
  m.attr("__version__") = tela::version();
  py::register_exception<InputErrorException>(m, "InputError", PyExc_ValueError);
  bind_problem(m);
  bind_results(m);
  bind_functions(m);
  bind_names(m);
}
