# pfnmap-series: huge pfnmaps and follow_pfnmap for Linux 6.1.
# The work is done by scripts/; see README.md.

.PHONY: run check baseline bench tree export xbuild matrix

# Build the patched kernel and show what it does in QEMU.
run:
	scripts/run

# Every test: series, checkpatch, build, guest suites, harness.
check:
	scripts/check

# The unpatched base, same config, for benchmarks side by side.
baseline:
	scripts/deps
	scripts/tree
	[ -d build/base ] || git -C build/linux worktree add -q --detach "$(CURDIR)/build/base" base
	scripts/build build/base build/obj-base base

# Benchmarks against the base, in one run (bench/run); figures in
# bench/results/.
bench:
	bench/run

# The developer's tree: base plus series/ (made once, never reset).
tree:
	scripts/deps
	scripts/tree

# Write the commits of build/linux back to series/.
export:
	scripts/export

# Compile what the series touches on other architectures (configs/xbuild/).
xbuild:
	scripts/deps
	scripts/tree
	scripts/apply build/series
	scripts/xbuild build/series

# Every patch on every configuration it concerns, and no new warnings
# (W=1, sparse, kernel-doc). Run it after exporting a changed series:
# like xbuild and check, it tests series/.
matrix:
	scripts/deps
	scripts/tree
	scripts/apply build/series
	scripts/build build/series build/obj
	scripts/matrix build/series
