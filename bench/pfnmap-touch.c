// SPDX-License-Identifier: GPL-2.0
/*
 * Map the 1 GiB ivshmem BAR, read one byte of every 4 KiB page, unmap,
 * and report what it cost: page faults, the page-table memory it added
 * (VmPTE) and time (QEMU TCG time: compare runs with each other only).
 *
 *   pfnmap-touch sysfs RESOURCE-FILE
 *	the PCI sysfs resource file, which 6.1 maps with
 *	remap_pfn_range() at mmap() time, base and patched alike
 *   pfnmap-touch pte|pmd|pud PHYS SIZE
 *	/dev/test_pfnmap (patched kernels), faulting in entries of at most
 *	that size
 *
 * Prints "bench MODE faults=N pte_kb=N map_us=N touch_us=N unmap_us=N".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#if __has_include("test_pfnmap_uapi.h")
#include "test_pfnmap_uapi.h"
#define HAVE_TEST_PFNMAP 1
#endif

#define LEN	(1UL << 30)

static long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

static long faults(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt + ru.ru_majflt;
}

static long vm_pte_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmPTE: %ld", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* A LEN-aligned mapping of @fd, so that a PUD leaf can map it. */
static char *map_aligned(int fd)
{
	char *p = mmap(NULL, 2 * LEN, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *q;

	if (p == MAP_FAILED)
		return MAP_FAILED;
	q = (char *)(((uintptr_t)p + LEN - 1) & ~(LEN - 1));
	if (q > p)
		munmap(p, q - p);
	munmap(q + LEN, p + LEN - q);
	q = mmap(q, LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
	if (q != MAP_FAILED)
		madvise(q, LEN, MADV_HUGEPAGE);
	return q;
}

static int open_test_pfnmap(const char *mode, char **argv)
{
#ifdef HAVE_TEST_PFNMAP
	struct test_pfnmap_range r = { .cache = TEST_PFNMAP_UC };
	__u64 max;
	int fd;

	r.phys = strtoull(argv[0], NULL, 0);
	r.size = strtoull(argv[1], NULL, 0);
	if (!strcmp(mode, "pte"))
		max = sysconf(_SC_PAGESIZE);
	else if (!strcmp(mode, "pmd"))
		max = 2UL << 20;
	else
		max = LEN;
	fd = open("/dev/test_pfnmap", O_RDWR);
	if (fd < 0 || ioctl(fd, TEST_PFNMAP_SET_RANGE, &r) ||
	    ioctl(fd, TEST_PFNMAP_SET_MAX, &max))
		return -1;
	return fd;
#else
	return -1;
#endif
}

int main(int argc, char **argv)
{
	long f0, t0, t1, t2, t3, pte0, pte;
	unsigned long off;
	int fd;
	char *p;

	if (argc < 3 || (strcmp(argv[1], "sysfs") && argc < 4)) {
		fprintf(stderr, "usage: %s sysfs RESOURCE | pte|pmd|pud PHYS SIZE\n",
			argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "sysfs"))
		fd = open(argv[2], O_RDWR | O_SYNC);
	else
		fd = open_test_pfnmap(argv[1], argv + 2);
	if (fd < 0) {
		printf("bench %s unsupported\n", argv[1]);
		return 4;
	}

	pte0 = vm_pte_kb();
	f0 = faults();
	t0 = now_us();
	p = map_aligned(fd);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	t1 = now_us();
	for (off = 0; off < LEN; off += 4096)
		(void)__atomic_load_n(p + off, __ATOMIC_RELAXED);
	t2 = now_us();
	pte = vm_pte_kb() - pte0;
	f0 = faults() - f0;
	munmap(p, LEN);
	t3 = now_us();
	printf("bench %s faults=%ld pte_kb=%ld map_us=%ld touch_us=%ld unmap_us=%ld\n",
	       argv[1], f0, pte, t1 - t0, t2 - t1, t3 - t2);
	return 0;
}
