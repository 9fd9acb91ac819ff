// The command-line program's largest allocations in 2 MiB pages (Linux transparent huge
// pages, where the system leaves them to madvise): a million buffers take some 200 MB, and in
// 4 KiB pages their first touches were 50,000 page faults, a third of `tela solve`'s time on
// a virtual machine. Smaller blocks stay in 4 KiB pages: a whole huge page zeroed for each
// block of a few MB made small problems slower (30,000 buffers: 29 ms to 50 ms a run).
// Not under AddressSanitizer: its own operator new checks that delete matches it. (GCC says
// so by __SANITIZE_ADDRESS__, clang by __has_feature.)
#if defined(__SANITIZE_ADDRESS__)
#define TELA_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TELA_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && !defined(TELA_ADDRESS_SANITIZER)

#include <malloc.h>
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Blocks from 16 MiB are advised. Below 32 MiB (the most glibc allows) they come from the heap,
// which keeps up to 128 MiB freed at its top: a step of a command then reuses the pages the
// step before freed (reading's text, then best-fit's lists), already touched, where a fresh
// mapping has every page zeroed again. Larger blocks are mappings of their own.
constexpr std::size_t kAdvisedFrom = std::size_t{16} << 20;
const bool kThresholdFixed = mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 &&
                             mallopt(M_TRIM_THRESHOLD, 128 << 20) == 1;

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
