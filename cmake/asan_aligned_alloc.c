/* Sanitizer builds only (cmake/XrtemuSanitizers.cmake): aligned_alloc as glibc
 * serves it.  Stock libxrt_coreutil asks for 4 KiB alignment with sizes that
 * are not a multiple of it (0x100, 0xfa0); glibc allows that, ASan reports
 * it as invalid-aligned-alloc-alignment and aborts the program.  Linked into
 * our executables, and preloaded ahead of the ASan runtime into stock ones,
 * this definition comes first; memalign is still ASan's, so the memory is
 * tracked as before. */
#include <malloc.h>
#include <stddef.h>

void* aligned_alloc(size_t alignment, size_t size)
{
  return memalign(alignment, size);
}
