// SPDX-License-Identifier: GPL-2.0
/*
 * Run a command as user and group nobody (65534), with no supplementary
 * groups: how an unprivileged CI job runs the selftests.
 *   nobody COMMAND [ARG...]
 */
#include <grp.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: nobody COMMAND [ARG...]\n");
		return 2;
	}
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("nobody");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
