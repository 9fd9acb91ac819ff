#include "io/stream_text.h"

#include <algorithm>
#include <cstring>

namespace tela {
namespace {
constexpr size_t kBlock = size_t{1} << 16;
}  // namespace

// Files are parsed from memory, without the per-line cost of stream reads (a million rows are a
// million calls). A seekable stream (a file) is read in one piece into a string of its size:
// grown block by block, a 24 MB file was copied over and over into fresh memory (a tenth of
// reading 10^6 rows). Anything else (a pipe, a device such as /dev/zero that seeks but has no
// size), or what follows, in blocks, each checked so that reading stops where text cannot be.
std::string read_stream_text(std::istream& in, size_t longest_line,
                             const std::function<bool(std::string_view)>& holds_error) {
  std::string text;
  const std::istream::pos_type start = in.tellg();
  if (start != std::istream::pos_type(-1) && in.seekg(0, std::ios::end)) {
    const std::istream::pos_type end = in.tellg();
    in.seekg(start);
    if (end != std::istream::pos_type(-1) && end >= start) {
      // The first block alone first: a large binary file is recognised by it, not read whole.
      const size_t size = size_t(end - start), head = std::min(size, kBlock);
      text.resize(head);
      in.read(text.data(), std::streamsize(head));
      size_t got = size_t(in.gcount());
      if (std::memchr(text.data(), '\0', got)) {
        text.resize(got);
        return text;  // not text: the parser reports the NUL
      }
      if (got == head && size > head) {
        text.resize(size);
        in.read(text.data() + head, std::streamsize(size - head));
        got += size_t(in.gcount());
      }
      text.resize(got);
      if (!in) in.clear(in.rdstate() & ~(std::ios::failbit | std::ios::eofbit));
    }
  } else {
    in.clear();
  }
  // Bytes since the last line end; what was read in one piece counts from its own last one.
  const size_t last_end = text.find_last_of("\r\n");
  size_t unbroken = last_end == std::string::npos ? text.size() : text.size() - last_end - 1;
  char block[kBlock];
  size_t next_check = text.size() + 1;  // a stream read in one piece is checked by its parser
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    const size_t n = size_t(in.gcount());
    text.append(block, n);
    if (std::memchr(block, '\0', n)) break;  // not text: the parser reports the NUL
    size_t i = n;
    while (i > 0 && block[i - 1] != '\n' && block[i - 1] != '\r') --i;
    unbroken = i > 0 ? n - i : unbroken + n;
    if (unbroken > longest_line) break;  // the parser reports the line as too long
    if (holds_error && text.size() >= next_check && next_check <= kErrorCheckedUpTo) {
      next_check = 2 * text.size();
      const size_t last_lf = text.rfind('\n');
      if (last_lf != std::string::npos && holds_error(std::string_view(text).substr(0, last_lf + 1))) break;
    }
  }
  return text;
}

}  // namespace tela
