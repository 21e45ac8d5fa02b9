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
 *   pfnmap-touch vfio|vfio-pmd|vfio-pte DDDD:BB:DD.F
 *	BAR 2 of a device bound to vfio-pci in no-IOMMU mode, mapped with
 *	mmap(NULL) (vfio), or at an address aligned to 2 MiB but not to
 *	1 GiB (vfio-pmd), or 4 KiB past such an address (vfio-pte)
 *
 * Prints "bench MODE faults=N pte_kb=N map_us=N touch_us=N unmap_us=N
 * leaf_kb=N", the last being the size of the entry that maps the first
 * page as the test driver's follow ioctl sees it (-1 without the driver).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdbool.h>
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

/* A free range of LEN bytes at @skew past a multiple of @align. */
static char *free_range(unsigned long align, unsigned long skew)
{
	char *p = mmap(NULL, LEN + 2 * align, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return MAP_FAILED;
	munmap(p, LEN + 2 * align);
	return (char *)(((uintptr_t)p + align - 1) & ~(align - 1)) + skew;
}

/* A LEN-aligned mapping of @fd, so that a PUD leaf can map it. */
static char *map_aligned(int fd)
{
	char *q = free_range(LEN, 0);

	if (q == MAP_FAILED)
		return q;
	return mmap(q, LEN, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0);
}

/* The device file of @bdf, bound to vfio-pci in no-IOMMU mode. */
static int open_vfio(const char *bdf, uint64_t *bar_off)
{
	struct vfio_region_info ri = { .argsz = sizeof(ri), .index = 2 };
	char path[256], link[256];
	int container, group, dev;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", bdf);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -1;
	link[n] = 0;
	snprintf(path, sizeof(path), "/dev/vfio/noiommu-%s", strrchr(link, '/') + 1);
	group = open(path, O_RDWR);
	container = open("/dev/vfio/vfio", O_RDWR);
	if (group < 0 || container < 0 ||
	    ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU))
		return -1;
	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (dev < 0 || ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &ri))
		return -1;
	*bar_off = ri.offset;
	return dev;
}

/* Map the BAR as MODE asks; MAP_FAILED if it can't. */
static char *map_vfio(const char *mode, int fd, uint64_t off)
{
	char *at = NULL;

	if (!strcmp(mode, "vfio-pmd"))
		at = free_range(LEN, 2UL << 20);
	else if (!strcmp(mode, "vfio-pte"))
		at = free_range(LEN, (2UL << 20) + 4096);
	if (at == MAP_FAILED)
		return at;
	return mmap(at, LEN, PROT_READ | PROT_WRITE,
		    MAP_SHARED | (at ? MAP_FIXED : 0), fd, off);
}

/* Size of the entry that maps @p, in KiB, or -1. */
static long leaf_kb(char *p)
{
#ifdef HAVE_TEST_PFNMAP
	struct test_pfnmap_follow f = {
		.vma_addr = (uintptr_t)p, .addr = (uintptr_t)p,
	};
	int fd = open("/dev/test_pfnmap", O_RDWR);
	long kb = -1;

	if (fd >= 0 && !ioctl(fd, TEST_PFNMAP_FOLLOW, &f) && !f.ret)
		kb = f.size >> 10;
	if (fd >= 0)
		close(fd);
	return kb;
#else
	return -1;
#endif
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
	long f0, t0, t1, t2, t3, pte0, pte, kb;
	bool vfio = argc > 1 && !strncmp(argv[1], "vfio", 4);
	uint64_t bar_off = 0;
	unsigned long off;
	int fd;
	char *p;

	if (argc < 3 || (strcmp(argv[1], "sysfs") && !vfio && argc < 4)) {
		fprintf(stderr, "usage: %s sysfs RESOURCE | pte|pmd|pud PHYS SIZE | vfio|vfio-pmd|vfio-pte BDF\n",
			argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "sysfs"))
		fd = open(argv[2], O_RDWR | O_SYNC);
	else if (vfio)
		fd = open_vfio(argv[2], &bar_off);
	else
		fd = open_test_pfnmap(argv[1], argv + 2);
	if (fd < 0) {
		printf("bench %s unsupported\n", argv[1]);
		return 4;
	}

	pte0 = vm_pte_kb();
	f0 = faults();
	t0 = now_us();
	p = vfio ? map_vfio(argv[1], fd, bar_off) : map_aligned(fd);
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
	kb = leaf_kb(p);
	munmap(p, LEN);
	t3 = now_us();
	printf("bench %s faults=%ld pte_kb=%ld map_us=%ld touch_us=%ld unmap_us=%ld leaf_kb=%ld\n",
	       argv[1], f0, pte, t1 - t0, t2 - t1, t3 - t2, kb);
	return 0;
}
