// Reading a whole input stream into memory for a parser, but never endlessly: a stream that is
// not text (/dev/zero, a binary file through a pipe) or never ends a line must not be buffered
// until memory runs out. The parser then finds what made reading stop and says what is wrong.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace tela {

// The whole stream, or its start up to where reading stopped: after the block holding the
// first NUL byte, or once more than `longest_line` bytes have come without a line end (LF or
// CR). A seekable stream of known size (a file) is read in one piece: its size bounds it.
std::string read_stream_text(std::istream& in, size_t longest_line);

}  // namespace tela
