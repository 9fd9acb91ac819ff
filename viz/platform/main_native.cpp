// tela-viz, the native front-end: a GLFW window with OpenGL 3, the same panels as the page.
//   tela-viz [PROBLEM.csv | TRACE.jsonl] [--capacity N] [--algo NAME] [--step K]
//            [--screenshot OUT.png [--frames N]] [--examples DIR]
// With --screenshot it draws N frames (default 30), saves the window as a PNG and exits: the
// native test runs it this way under xvfb-run.
#include <GLFW/glfw3.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "viz/platform/frame.h"
#include "viz/ui/app.h"

namespace {

struct Options {
  std::string file, screenshot, algorithm;
  std::string examples = TELA_EXAMPLES_DIR;
  long long capacity = 0, step = -1;
  int frames = 30;
};

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--capacity" && has_value) o.capacity = std::atoll(argv[++i]);
    else if (a == "--algo" && has_value) o.algorithm = argv[++i];
    else if (a == "--step" && has_value) o.step = std::atoll(argv[++i]);
    else if (a == "--screenshot" && has_value) o.screenshot = argv[++i];
    else if (a == "--frames" && has_value) o.frames = std::atoi(argv[++i]);
    else if (a == "--examples" && has_value) o.examples = argv[++i];
    else if (a == "-h" || a == "--help") return false;
    else if (!a.empty() && a[0] != '-' && o.file.empty()) o.file = a;
    else { std::fprintf(stderr, "tela-viz: unknown argument '%s'\n", a.c_str()); return false; }
  }
  return true;
}

// Solves on a thread so the window stays live; the frame loop collects the result.
struct ThreadRunner {
  std::thread worker;
  std::atomic<bool> cancel{false};
  std::mutex mutex;
  std::optional<tela::RecordedRun> done;
  tela::Progress progress;

  void start(const tela::Problem& problem, const tela::viz::RunRequest& request) {
    if (worker.joinable()) worker.join();
    cancel = false;
    worker = std::thread([this, problem, request] {
      auto run = tela::viz::record_run(problem, request, &cancel, [this](const tela::Progress& p) {
        std::lock_guard<std::mutex> lock(mutex);
        progress = p;
      });
      std::lock_guard<std::mutex> lock(mutex);
      done = std::move(run);
    });
  }
  void poll(tela::viz::App& app) {
    std::lock_guard<std::mutex> lock(mutex);
    app.progress = progress;
    if (done) {
      app.finish_run(std::move(*done));
      done.reset();
    }
  }
  ~ThreadRunner() {
    cancel = true;
    if (worker.joinable()) worker.join();
  }
};

// Explain and minimize on threads as well (each may take its whole time limit); the frame loop
// hands their answers to the App, which drops those about a problem no longer shown.
struct DiagnosisRunner {
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<std::thread> threads;
  std::vector<std::pair<uint64_t, tela::Explanation>> explained;
  std::vector<std::pair<uint64_t, tela::MinimizeResult>> minimized;
  std::vector<std::pair<uint64_t, tela::MinimizeStep>> steps;

  void start(const tela::Problem& problem, const std::string& kind, uint64_t ticket, double seconds) {
    threads.emplace_back([this, problem, kind, ticket, seconds] {
      tela::SolveOptions options;
      options.timeout_seconds = seconds;
      options.cancel = &stop;
      if (kind == "explain") {
        tela::Explanation e = tela::explain(problem, options);
        std::lock_guard<std::mutex> lock(mutex);
        explained.emplace_back(ticket, std::move(e));
      } else {
        tela::MinimizeResult m = tela::minimize(problem, options, [&](const tela::MinimizeStep& step) {
          std::lock_guard<std::mutex> lock(mutex);
          steps.emplace_back(ticket, step);
        });
        std::lock_guard<std::mutex> lock(mutex);
        minimized.emplace_back(ticket, std::move(m));
      }
    });
  }
  void poll(tela::viz::App& app) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& [ticket, step] : steps) app.minimize_step(ticket, std::move(step));
    for (auto& [ticket, e] : explained) app.finish_explanation(ticket, std::move(e));
    for (auto& [ticket, m] : minimized) app.finish_minimize(ticket, std::move(m));
    steps.clear();
    explained.clear();
    minimized.clear();
  }
  ~DiagnosisRunner() {
    stop = true;
    for (std::thread& t : threads) t.join();
  }
};

// The example menu, from the same examples.json the page reads (assets/examples).
struct ExampleFile {
  std::string name, file, algorithm;
  long long capacity = 0, minor = -1, major = -1;
};

std::vector<ExampleFile> read_examples(const std::string& dir, tela::viz::App& app) {
  std::vector<ExampleFile> examples;
  std::ifstream in(dir + "/examples.json");
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (!json.is_array()) return examples;
  for (const auto& e : json) {
    ExampleFile x;
    x.name = e.value("name", "");
    x.file = dir + "/" + e.value("file", x.name) + ".csv";
    x.algorithm = e.value("algo", "telamalloc");
    x.capacity = e.value("capacity", 0LL);
    x.minor = e.value("minor_backtracks", -1LL);
    x.major = e.value("major_backtracks", -1LL);
    app.examples.push_back({x.name, e.value("title", x.name)});
    examples.push_back(x);
  }
  return examples;
}

// Saves the window (or the part x0,y0..x1,y1 of it, in window pixels from the top left).
bool save_png(GLFWwindow* window, const std::string& path, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) {
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window, &fw, &fh);
  if (x1 < 0) x1 = fw, y1 = fh;
  const int w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) return false;
  std::string pixels(size_t(w) * size_t(h) * 3, '\0');
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x0, fh - y1, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3) != 0;
}

std::string slurp(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  ok = bool(in);
  return text.str();
}

// Runs and diagnoses go to threads; their results come back at the start of a frame.
struct Runners {
  ThreadRunner run;
  DiagnosisRunner diagnoses;

  void install(tela::viz::App& app) {
    app.runner.start = [this](const tela::Problem& p, const tela::viz::RunRequest& r) { run.start(p, r); };
    app.runner.cancel = [this] { run.cancel = true; };
    app.runner.diagnose = [this](const tela::Problem& p, const std::string& kind, uint64_t ticket,
                                 double seconds) { diagnoses.start(p, kind, ticket, seconds); };
  }
  void poll(tela::viz::App& app) {
    run.poll(app);
    diagnoses.poll(app);
  }
};

// Opens an example as the page does: its file, capacity, algorithm and budgets, then solves.
void open_example(tela::viz::App& app, const ExampleFile& e) {
  bool ok = false;
  const std::string text = slurp(e.file, ok);
  if (!ok) { app.fail(e.file + ": cannot be read"); return; }
  app.load_csv(text, e.name, e.capacity, "from the example");
  app.request.algorithm = e.algorithm;
  app.request.telamalloc = tela::TelaMallocParams{};
  if (e.minor >= 0) app.request.telamalloc.minor_backtracks = e.minor;
  if (e.major >= 0) app.request.telamalloc.major_backtracks = e.major;
  app.run();
}

// The hooks for getting problems in and files out: examples by name, files saved here.
void install_files(tela::viz::App& app, const std::vector<ExampleFile>& examples) {
  app.open_example = [&app, &examples](const std::string& name) {
    for (const ExampleFile& e : examples)
      if (e.name == name) open_example(app, e);
  };
  app.save_text = [&app](const std::string& name, const std::string& text) {
    std::ofstream out(name, std::ios::binary);
    out << text;
    out ? app.say("saved " + name + " in the current folder") : app.fail("could not write " + name);
  };
}

GLFWwindow* open_window() {
  if (!glfwInit()) { std::fprintf(stderr, "tela-viz: no display (GLFW could not start)\n"); return nullptr; }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window = glfwCreateWindow(1400, 860, "tela-viz", nullptr, nullptr);
  if (!window) { std::fprintf(stderr, "tela-viz: no OpenGL 3.3 window\n"); glfwTerminate(); return nullptr; }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  tela::viz::start_imgui(window, "#version 330");
  return window;
}

void close_window(GLFWwindow* window) {
  tela::viz::stop_imgui();
  glfwDestroyWindow(window);
  glfwTerminate();
}

// What the window opens on: the file named (a problem is solved at once, so there is
// something to replay), else the first example, as the page opens. False: the file is bad.
bool open_first(tela::viz::App& app, const Options& options, const std::vector<ExampleFile>& examples) {
  if (options.file.empty()) {
    if (!examples.empty()) app.open_example(examples.front().name);
    return true;
  }
  bool ok = false;
  const std::string text = slurp(options.file, ok);
  if (!ok) { std::fprintf(stderr, "%s: cannot be read\n", options.file.c_str()); return false; }
  const bool is_trace = options.file.size() > 6 && options.file.substr(options.file.size() - 6) == ".jsonl";
  if (is_trace) app.load_trace(text, options.file);
  else app.load_csv(text, options.file, options.capacity);
  if (!app.session) { std::fprintf(stderr, "%s\n", app.message.c_str()); return false; }
  if (!is_trace) app.finish_run(tela::viz::record_run(app.session->run.problem, app.request));
  app.seek(options.step >= 0 ? options.step : app.session->player.steps());
  return true;
}

// Draws frames until the window closes, or, with --screenshot, until the frames asked for are
// drawn and the window is saved. False: the screenshot could not be written.
bool frame_loop(tela::viz::App& app, GLFWwindow* window, Runners& runners, const Options& options) {
  tela::viz::FrameHooks hooks;
  hooks.before_frame = [&] { runners.poll(app); };
  hooks.save_canvas_png = [&](int) {
    const float* r = app.canvas.figure_rect;
    const std::string name = tela::viz::canvas_png_name(app);
    app.message = save_png(window, name, int(r[0]), int(r[1]), int(r[2]), int(r[3]))
                      ? "saved " + name + " in the current folder (the canvas and its axes, at the step shown)"
                      : "could not write " + name;
  };
  hooks.finish_drawing = true;
  for (int frame = 1; !glfwWindowShouldClose(window); ++frame) {
    tela::viz::run_frame(app, window, hooks);
    if (!options.screenshot.empty() && frame >= options.frames) {
      std::fprintf(stderr, "tela-viz: %.2f ms per frame (median of the last %d)\n",
                   double(app.frame_times.median()), std::min(frame, 120));
      if (save_png(window, options.screenshot)) return true;
      std::fprintf(stderr, "tela-viz: could not write %s\n", options.screenshot.c_str());
      return false;
    }
    glfwSwapBuffers(window);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr, "usage: tela-viz [PROBLEM.csv | TRACE.jsonl] [--capacity N] [--algo NAME] "
                         "[--step K] [--screenshot OUT.png [--frames N]] [--examples DIR]\n");
    return 2;
  }
  tela::viz::App app;
  Runners runners;
  runners.install(app);
  if (!options.algorithm.empty()) app.request.algorithm = options.algorithm;
  const std::vector<ExampleFile> examples = read_examples(options.examples, app);
  install_files(app, examples);
  GLFWwindow* window = open_window();
  if (!window) return 2;
  if (!open_first(app, options, examples)) return 2;
  const bool saved = frame_loop(app, window, runners, options);
  close_window(window);
  return saved ? 0 : 2;
}
