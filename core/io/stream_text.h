// Reading a whole input stream into memory for a parser, but never endlessly: a stream that is
// not text (/dev/zero, a binary file through a pipe) or never ends a line must not be buffered
// until memory runs out. The parser then finds what made reading stop and says what is wrong.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace tela {

// The whole stream, or its start up to where reading stopped: after the block holding the
// first NUL byte, or once more than `longest_line` bytes have come without a line end (LF or
// CR). A seekable stream of known size (a file) is read in one piece: its size bounds it.
// `holds_error`, when given, is shown the start of a stream read block by block (its whole
// lines, up to the last LF) after the first block and each time the text has doubled, up to
// kErrorCheckedUpTo: true stops reading there. A parser that finds its first error in that
// start finds the same one in the whole, so an endless stream with a bad header (`yes | tela
// stats -`) is answered at once instead of read until memory runs out.
inline constexpr size_t kErrorCheckedUpTo = size_t{1} << 20;
std::string read_stream_text(std::istream& in, size_t longest_line,
                             const std::function<bool(std::string_view)>& holds_error = {});

}  // namespace tela
