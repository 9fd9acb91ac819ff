// The command-line program's largest allocations in 2 MiB pages (Linux transparent huge
// pages, where the system leaves them to madvise): a million buffers take some 200 MB, and in
// 4 KiB pages their first touches were 50,000 page faults, a third of `tela solve`'s time on
// a virtual machine. Smaller blocks stay in 4 KiB pages: a whole huge page zeroed for each
// block of a few MB made small problems slower (30,000 buffers: 29 ms to 50 ms a run).
#if defined(__linux__) && !defined(__EMSCRIPTEN__)

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Blocks this large come from mmap, each a mapping of its own, which the advice then covers
// without touching the heap's other blocks: the threshold is fixed here (glibc would move it
// as blocks are freed), and the heap keeps up to 64 MiB freed at its top, so that the smaller
// blocks of one step of a command are reused by the next without new page faults.
constexpr std::size_t kAdvisedFrom = std::size_t{16} << 20;
const bool kThresholdFixed = mallopt(M_MMAP_THRESHOLD, int(kAdvisedFrom)) == 1 &&
                             mallopt(M_TRIM_THRESHOLD, 64 << 20) == 1;

// Advises the whole huge pages inside [p, p + size).
void advise_huge_pages(void* p, std::size_t size) {
  const std::uintptr_t first = (std::uintptr_t(p) + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t last = (std::uintptr_t(p) + size) & ~(kHugePage - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

void* allocate(std::size_t size) {
  if (size == 0) size = 1;
  for (;;) {
    // A large block starts and ends on a huge page, so that none of it is left in small ones.
    const bool huge = size >= kAdvisedFrom && kThresholdFixed;
    if (void* p = huge ? std::aligned_alloc(kHugePage, (size + kHugePage - 1) & ~(kHugePage - 1))
                       : std::malloc(size)) {
      if (huge) advise_huge_pages(p, size);
      return p;
    }
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#endif
