/*
 * Linked into the native executable only (see McpPlaybooks.Server.csproj, target HugePagesForZeroedData).
 *
 * Before the .NET runtime starts, asks the kernel to back the image's zero-filled data (.bss, and .hydrated: the ~16 MB
 * the compressed ("dehydrated") data expands into when the runtime starts) with 2 MB pages. Rehydrating into 4 KB pages
 * took ~4,000 page faults, 30-45 ms of every start on a small virtual machine; with 2 MB pages it takes a handful.
 * The image stays position-independent (address randomisation is kept) and its data stays compressed on disk.
 *
 * madvise(MADV_HUGEPAGE) is advice: where transparent huge pages are off ("never") or the kernel cannot find a free 2 MB
 * page, it changes nothing and the start is as before. Nothing here can fail the start.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Advises the whole 2 MB pages inside each loaded segment's zero-filled tail (memory size beyond its file size). */
static int advise_zeroed_data(struct dl_phdr_info* info, size_t size, void* data)
{
    (void)size;
    (void)data;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr)* segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || segment->p_memsz <= segment->p_filesz)
        {
            continue;
        }

        uintptr_t zeroed = info->dlpi_addr + segment->p_vaddr + segment->p_filesz;
        uintptr_t start = (zeroed + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz) & ~(HUGE_PAGE - 1);
        if (end > start)
        {
            (void)madvise((void*)start, end - start, MADV_HUGEPAGE);
        }
    }

    return 1; /* the first object listed is the executable itself: stop there */
}

__attribute__((constructor)) static void mcpplaybooks_huge_pages_for_zeroed_data(void)
{
    (void)dl_iterate_phdr(advise_zeroed_data, NULL);
}
