# Where libincmap is, relative to this folder. CMake's install step writes
# the installed prefix's own copy of this file; in the source tree it is
# empty, and INCMAP_LIBRARY (or the dynamic loader) finds the library.
LIBRARY_RELATIVE = ""
