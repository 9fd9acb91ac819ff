// tela bench: a table of time, peak and validity per file and algorithm, measured in one run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "analysis/sections.h"
#include "commands.h"
#include "inputs.h"
#include "io/trace_io.h"
#include "model/validator.h"
#include "services/record_packed.h"

namespace tela::cli {
namespace {

struct BenchArgs {
  std::vector<std::string> paths;
  std::vector<std::string> algorithms;
  std::optional<Size> capacity;
  double timeout = 60;
  int repeat = 3;
  bool trace_cost = false;
  bool overshoot = false;
  TelaMallocParams telamalloc;
  ExactParams exact;
  ImproveParams improve;  // auto's improvement stage
  bool ablation = false;
};

// One row's configuration: the algorithm, the exact search's rules, and the name the table
// gives the pair.
struct Variant {
  const Algorithm* algorithm;
  ExactParams exact;
  std::string label;
};

// An observer that does nothing: what remains of tracing once events are built and sent.
struct NullObserver : TraceObserver {
  size_t events = 0;
  void on_event(const TraceEvent&, std::span<const BufferIndex>) override { ++events; }
};

// A stream that takes every byte and keeps none: the trace file's cost is making its text.
struct DiscardingBuffer : std::streambuf {
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
  int overflow(int c) override { return c; }
};

// What recording costs, per run: the solve with a no-op observer, recorded as tela trace
// records (every event, packed), and that trace written as JSON Lines.
struct TraceCost {
  std::vector<double> noop, recording, writing;
  int64_t events = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename Work>
double seconds_of(Work&& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> expand(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (!std::filesystem::is_directory(p)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(p))
      if (entry.path().extension() == ".csv") found.push_back(entry.path().string());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}


// The peak of an allocation that fits; "-" for any run that did not solve, as its valid cell
// shows: a partial allocation's peak (a run stopped early) would flatter it, and a complete one
// above the capacity (a heuristic that failed) would read as a success.
std::string peak_cell(const SolveResult& result) {
  return result.status == Status::kSolved ? std::to_string(result.peak) : "-";
}

void print_row(const std::vector<std::string>& cells, const std::vector<size_t>& widths) {
  std::string line = "|";
  for (size_t i = 0; i < cells.size(); ++i) {
    std::string cell = cells[i];
    cell.resize(std::max(cell.size(), widths[i]), ' ');
    line += " " + cell + " |";
  }
  std::cout << line << "\n" << std::flush;
}

class Bench {
 public:
  explicit Bench(const BenchArgs& args) : args_(args) {
    header_ = {"file", "buffers", "algorithm", "capacity", "lower bound", "peak",
               "status", "valid", "read", "solve", "write", "total"};
    if (args.trace_cost)
      for (const char* h : {"solve, no-op observer", "solve, recording", "recording vs solve",
                            "events/s, recording", "trace file"})
        header_.push_back(h);
    if (args.overshoot) header_.push_back("past the limit");
    if (args.ablation) header_.push_back("solve vs all on");
    for (const std::string& h : header_) widths_.push_back(std::max<size_t>(h.size(), 9));
    widths_[0] = 18;
    for (const Algorithm& a : algorithms())
      for (const Variant& v : variants_of(a)) widths_[2] = std::max(widths_[2], v.label.size());
  }

  int run() {
    const std::vector<std::string> files = expand(args_.paths);
    if (files.empty()) {
      std::cerr << "tela bench: no CSV files in the paths given\n";
      return kExitBadInput;
    }
    for (const std::string& file : files)
      if (!readable_again(file)) return kExitBadInput;
    fit_columns(files);
    std::cout << "tela bench: median of " << args_.repeat << " runs, timeout "
              << args_.timeout << " s per run\n";
    print_row(header_, widths_);
    std::vector<std::string> rule;
    for (size_t w : widths_) rule.push_back(std::string(w, '-'));
    print_row(rule, widths_);
    int status = kExitDone;
    for (const std::string& file : files)
      status = std::max(status, bench_file(file));
    return status;
  }

 private:
  // Every row of one file. A file that cannot be read is said once, not once per algorithm.
  int bench_file(const std::string& file) {
    int status = kExitDone;
    for (const std::string& algorithm : args_.algorithms)
      for (const Variant& v : variants_of(*find_algorithm(algorithm))) {
        status = std::max(status, bench_one(file, v));
        if (status == kExitBadInput) return status;
      }
    return status;
  }

  // Whether `file` is one bench can read once per run: a regular file. A device or a pipe
  // (/dev/null, a FIFO) exists but cannot be read again alike; says why on stderr when not.
  static bool readable_again(const std::string& file) {
    std::error_code error;
    const std::filesystem::file_status found = std::filesystem::status(file, error);
    if (error || !std::filesystem::exists(found)) {
      std::cerr << file << ": cannot open: " << (error ? error.message() : "no such file") << "\n";
      return false;
    }
    if (!std::filesystem::is_regular_file(found)) {
      std::cerr << file << ": not a regular file (a device, pipe or socket); bench reads each "
                           "file once per run, so it takes files and folders of them\n";
      return false;
    }
    return true;
  }

  // The algorithm as asked; with --ablation, for the ones that run the exact search, then once
  // more per rule still on, with that rule off.
  std::vector<Variant> variants_of(const Algorithm& a) const {
    std::vector<Variant> out{{&a, args_.exact, std::string(a.name)}};
    if (!args_.ablation || (a.name != "exact" && a.name != "auto")) return out;
    for (const ExactRule& rule : kExactRules) {
      if (!(args_.exact.*rule.field)) continue;
      ExactParams off = args_.exact;
      off.*rule.field = false;
      out.push_back({&a, off, std::string(a.name) + " " + exact_flag(rule)});
    }
    return out;
  }

  // The solve time against the first row of its file and algorithm (all rules on): "x1.00";
  // ">" when the run stopped at its time limit, so the ratio is only a lower bound.
  std::string ratio_cell(const Variant& v, const SolveResult& result, double seconds) {
    if (v.label == v.algorithm->name) all_on_seconds_ = seconds;
    char text[32];
    std::snprintf(text, sizeof text, "%sx%.2f", result.status == Status::kTimeout ? ">" : "",
                  seconds / std::max(all_on_seconds_, 1e-9));
    return text;
  }

  // The table streams a row per run, so its columns are sized up front: the longest file
  // name and the longest status any run can end with.
  void fit_columns(const std::vector<std::string>& files) {
    for (const std::string& file : files)
      widths_[0] = std::max(widths_[0], std::filesystem::path(file).filename().string().size());
    for (Status s : kAllStatuses)
      widths_[6] = std::max(widths_[6], std::string(name_of(s)).size());
  }

  static void measure_trace_cost(const Problem& problem, const Algorithm& algorithm,
                                 SolveOptions options, TraceCost& cost) {
    NullObserver null_observer;
    options.observer = &null_observer;
    cost.noop.push_back(solve(problem, algorithm, options).seconds);
    PackedRun run;
    run.problem = problem;
    run.result = solve_packed(problem, algorithm, options, run.trace, /*max_events=*/0);
    cost.recording.push_back(run.result.seconds);
    cost.events = run.trace.size();
    cost.writing.push_back(seconds_of([&] {
      DiscardingBuffer discard;
      std::ostream out(&discard);
      write_trace_jsonl(out, run);
    }));
  }

  // The no-op and recorded solves, recorded against plain ("x1.70"), events recorded a second,
  // and the time to write the trace file's text.
  static void add_trace_cost_cells(std::vector<std::string>& cells, const TraceCost& cost,
                                   double plain_seconds) {
    const double recording = median(cost.recording);
    char ratio[32], rate[32];
    std::snprintf(ratio, sizeof ratio, "x%.2f", recording / std::max(plain_seconds, 1e-9));
    const double per_second = double(cost.events) / std::max(recording, 1e-9);
    if (per_second >= 1e6) std::snprintf(rate, sizeof rate, "%.2f M", per_second / 1e6);
    else if (per_second >= 1e3) std::snprintf(rate, sizeof rate, "%.1f k", per_second / 1e3);
    else std::snprintf(rate, sizeof rate, "%.0f", per_second);
    for (std::string cell : {format_seconds(median(cost.noop)), format_seconds(recording),
                             std::string(ratio), std::string(rate),
                             format_seconds(median(cost.writing))})
      cells.push_back(std::move(cell));
  }

  int bench_one(const std::string& file, const Variant& variant) {
    const Algorithm& algorithm = *variant.algorithm;
    const SolveOptions base{.timeout_seconds = args_.timeout, .telamalloc = args_.telamalloc,
                            .exact = variant.exact, .improve = args_.improve};
    std::optional<Size> capacity = args_.capacity ? args_.capacity : capacity_from_file_name(file);
    std::optional<LoadedProblem> loaded;
    std::vector<double> read, solve_time, write, past_limit;
    TraceCost trace_cost;
    SolveResult result;
    for (int r = 0; r < args_.repeat; ++r) {
      read.push_back(seconds_of([&] { loaded = load_problem(file, capacity); }));
      if (!loaded) return kExitBadInput;
      Problem& problem = loaded->problem;
      if (!capacity) problem.capacity = lower_bound(compute_sections(problem));
      result = solve(problem, algorithm, base);
      solve_time.push_back(result.seconds);
      if (result.status == Status::kTimeout) past_limit.push_back(result.seconds - args_.timeout);
      write.push_back(seconds_of([&] {
        std::ostringstream out;
        if (result.status == Status::kSolved)
          write_solution_csv(out, problem, result.solution, loaded->columns);
      }));
      if (args_.trace_cost) measure_trace_cost(problem, algorithm, base, trace_cost);
    }
    const Problem& problem = loaded->problem;
    std::string valid = "-";
    int status = kExitDone;
    if (result.status == Status::kSolved) {
      const Validation v = validate(problem, result.solution);
      valid = v.ok() ? "yes" : "NO: " + describe(problem, v);
      if (!v.ok()) status = kExitNoAllocation;
    }
    const double r = median(read), s = median(solve_time), w = median(write);
    std::vector<std::string> cells = {
        std::filesystem::path(file).filename().string(), std::to_string(problem.buffers.size()),
        variant.label, std::to_string(problem.capacity),
        std::to_string(lower_bound(compute_sections(problem))), peak_cell(result),
        name_of(result.status), valid, format_seconds(r), format_seconds(s), format_seconds(w),
        format_seconds(r + s + w)};
    if (args_.trace_cost) add_trace_cost_cells(cells, trace_cost, s);
    if (args_.overshoot)  // how long runs that timed out went on past their limit
      cells.push_back(past_limit.empty() ? "-" : format_seconds(std::max(0.0, median(past_limit))));
    if (args_.ablation) cells.push_back(ratio_cell(variant, result, s));
    print_row(cells, widths_);
    return status;
  }

  const BenchArgs& args_;
  double all_on_seconds_ = 0;  // the solve time of the current file and algorithm, rules as asked
  std::vector<std::string> header_;
  std::vector<size_t> widths_;
};

}  // namespace

void add_bench_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<BenchArgs>();
  for (const Algorithm& a : algorithms()) args->algorithms.emplace_back(a.name);
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Time algorithms on problem files: reading, solving and writing, the peak against the\n"
      "lower bound, and whether the validator accepts each solution. The capacity comes from\n"
      "--capacity, else from the file name (A.1048576.csv), else the lower bound.\n"
      "Example: tela bench ../shared/benchmarks/challenging --algo best-fit,greedy");
  cmd->add_option("paths", args->paths, "CSV files, or folders of them")->required();
  std::vector<std::string> names;
  for (const Algorithm& a : algorithms()) names.emplace_back(a.name);
  cmd->add_option("--algo", args->algorithms, "algorithms to run, comma-separated (default: all)")
      ->delimiter(',')
      ->check(CLI::IsMember(names));
  add_capacity_option(*cmd, args->capacity)->description("the capacity for every file");
  add_timeout_option(*cmd, args->timeout)->description("seconds per run (default 60)");
  cmd->add_option("--repeat,-r", args->repeat, "runs per cell; the table shows the median")
      ->transform(whole_number(1, 1000));
  add_telamalloc_options(*cmd, args->telamalloc);
  add_exact_options(*cmd, args->exact);
  add_auto_improve_options(*cmd, args->improve);
  cmd->add_flag("--ablation", args->ablation,
                "for exact and auto, also a row per rule of the exact search with that rule off "
                "(the rules the --no-* flags leave on), and a column of each row's solve time "
                "against the first row's");
  cmd->add_flag("--trace-cost,--record", args->trace_cost,
                "also time each solve with a no-op observer and recording every event (as tela\n"
                "trace records them), the recorded solve against the plain one, events recorded\n"
                "a second, and the time to write that trace's text (JSON Lines, discarded)");
  cmd->add_flag("--overshoot", args->overshoot,
                "also show how long runs that ran out of time went on past --timeout (the median "
                "of those runs; '-' when none did)");
  cmd->callback([args, &exit_code] { exit_code = Bench(*args).run(); });
}

}  // namespace tela::cli
