// SPDX-License-Identifier: GPL-2.0
/*
 * Write a distinct 16-byte pattern at a few offsets of the ivshmem BAR
 * through its sysfs resource file, read each one back, and print
 * "@@@ bar OFFSET HEX" so that the host can check the same bytes in the
 * memfd behind the BAR once the guest is done.
 *
 *   bar-write /sys/bus/pci/devices/.../resource2
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAT_LEN 16

int main(int argc, char **argv)
{
	unsigned char pat[PAT_LEN];
	unsigned long offs[4];
	struct stat st;
	int fd, i, j, fail = 0;
	char *bar;

	if (argc != 2) {
		fprintf(stderr, "usage: %s RESOURCE-FILE\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR | O_SYNC);
	if (fd < 0 || fstat(fd, &st)) {
		perror(argv[1]);
		return 1;
	}
	bar = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (bar == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	offs[0] = 0;
	offs[1] = 4096 + 8;
	offs[2] = (2UL << 20) + 24;
	offs[3] = st.st_size - PAT_LEN;

	printf("1..4\n");
	for (i = 0; i < 4; i++) {
		for (j = 0; j < PAT_LEN; j++)
			pat[j] = (unsigned char)(offs[i] * 31 + j * 7 + i + 1);
		memcpy(bar + offs[i], pat, PAT_LEN);
		if (memcmp(bar + offs[i], pat, PAT_LEN)) {
			printf("not ok %d read back at 0x%lx\n", i + 1, offs[i]);
			fail = 1;
			continue;
		}
		printf("ok %d read back at 0x%lx\n", i + 1, offs[i]);
		printf("@@@ bar %lu ", offs[i]);
		for (j = 0; j < PAT_LEN; j++)
			printf("%02x", pat[j]);
		printf("\n");
	}
	return fail;
}
