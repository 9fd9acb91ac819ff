// --pre-js of tela-cli.js. Emscripten's NODERAWFS marks stdin, stdout and stderr as terminals
// whatever they are, so isatty(2) is always true and the CLI would rewrite its progress line in
// place (with \r) even into a log file, where build/tela writes a line every 5 s. Once the
// streams exist and before main runs, each is marked a terminal only if Node says it is one.
Module['preRun'] = (Module['preRun'] || []).concat(function () {
  addOnPreMain(function () {
    var tty = require('tty');
    for (var fd = 0; fd < 3; ++fd) FS.streams[fd].tty = tty.isatty(fd);
  });
});
