/* cli_version.c - "incmap --version": what this program is and what it was
 * built with and runs with (the libraries can be upgraded under it). */
#include "cli.h"

#include <cairo.h>
#include <csv.h>
#include <jansson.h>
#include <pango/pango.h>
#include <png.h>
#include <proj.h>

#include "incmap_build_info.h" /* INCMAP_GIT_DESCRIBE, INCMAP_BUILD_TYPE (generated) */

#define STR2(x) #x
#define STR(x) STR2(x)

void cli_print_version(FILE *out)
{
    PJ_INFO pj = proj_info();
    fprintf(out, "incmap %s\n", im_version());
    if (INCMAP_GIT_DESCRIBE[0])
        fprintf(out, "source: git %s\n", INCMAP_GIT_DESCRIBE);
    fprintf(out, "build: %s, %s\n", INCMAP_BUILD_TYPE[0] ? INCMAP_BUILD_TYPE : "default",
#if defined(__clang__)
            "clang " __clang_version__
#elif defined(__GNUC__)
            "GCC " __VERSION__
#else
            "unknown compiler"
#endif
    );
    fprintf(out,
            "built with: PROJ %d.%d.%d, Cairo %s, Pango %s, libpng %s, jansson %s, "
            "libcsv %d.%d.%d\n",
            PROJ_VERSION_MAJOR, PROJ_VERSION_MINOR, PROJ_VERSION_PATCH, CAIRO_VERSION_STRING,
            PANGO_VERSION_STRING, PNG_LIBPNG_VER_STRING, JANSSON_VERSION, CSV_MAJOR, CSV_MINOR,
            CSV_RELEASE);
    fprintf(out, "running with: PROJ %s, Cairo %s, Pango %s, libpng %s, jansson %s\n",
            pj.release ? pj.version : "?", cairo_version_string(), pango_version_string(),
            png_get_libpng_ver(NULL), jansson_version_str());
    fprintf(out, "PROJ database: %s\n", pj.searchpath && pj.searchpath[0] ? pj.searchpath
                                                                         : "(PROJ default)");
}
