/* datadir.c - where the bundled data (the basemaps) are.
 *
 * Nothing of the build machine is compiled in: an installed library and
 * program find their data relative to where they are, so a prefix can be
 * moved or copied anywhere (a container layer, /opt/incmap-0.1, a home
 * folder). The places, in order:
 *   1. $INCMAP_BASEMAPS when set and not empty (then the only place looked,
 *      as PROJ_DATA and GDAL_DATA work);
 *   2. DIR/INCMAP_LIB_TO_DATA/basemaps, DIR being the folder of the file
 *      this code was loaded from (dladdr: libincmap.so, or the program when
 *      linked statically);
 *   3. DIR/INCMAP_BIN_TO_DATA/basemaps, DIR being the folder of the running
 *      program (/proc/self/exe);
 *   4. for a program or library still in its build tree, the link
 *      "incmap-build-basemaps" beside it, which the build creates and the
 *      install never copies.
 * INCMAP_LIB_TO_DATA and INCMAP_BIN_TO_DATA are relative paths computed by
 * CMake from the install layout ("../share/incmap"). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* dladdr */
#endif
#include "im_private.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef INCMAP_LIB_TO_DATA
#define INCMAP_LIB_TO_DATA "../share/incmap"
#endif
#ifndef INCMAP_BIN_TO_DATA
#define INCMAP_BIN_TO_DATA "../share/incmap"
#endif

#define BUILD_LINK "incmap-build-basemaps"

static bool is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The folder part of an absolute file path, into buf; false if none. */
static bool folder_of(const char *file, char *buf, size_t size)
{
    const char *slash = file ? strrchr(file, '/') : NULL;
    if (!slash || file[0] != '/' || (size_t)(slash - file) >= size)
        return false;
    size_t n = slash == file ? 1 : (size_t)(slash - file);
    memcpy(buf, file, n);
    buf[n] = '\0';
    return true;
}

/* The folder holding the file this function is in (the shared library,
 * or the program linked with the static library). */
static bool folder_of_library(char *buf, size_t size, char *file, size_t fsize)
{
    Dl_info info;
    if (!dladdr((void *)(uintptr_t)folder_of_library, &info) || !info.dli_fname)
        return false;
    char real[PATH_MAX];
    if (!realpath(info.dli_fname, real) || strlen(real) >= fsize)
        return false;
    strcpy(file, real);
    return folder_of(real, buf, size);
}

static bool folder_of_program(char *buf, size_t size, char *file, size_t fsize)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= fsize)
        return false;
    exe[n] = '\0';
    strcpy(file, exe);
    return folder_of(exe, buf, size);
}

/* Append "PATH (WHY)" to the list of places looked. */
static void note_place(char *list, size_t size, const char *path, const char *why)
{
    size_t len = strlen(list);
    if (len < size)
        snprintf(list + len, size - len, "%s%s (%s)", len ? "; " : "", path, why);
}

/* One candidate: remember it as looked at, and take it if it is a folder
 * and nothing was taken before. */
static void consider(char *found, size_t fsize, char *list, size_t lsize, const char *path,
                     const char *why)
{
    note_place(list, lsize, path, why);
    if (!found[0] && is_dir(path) && strlen(path) < fsize)
        strcpy(found, path);
}

im_status im_data_locate(im_context *ctx)
{
    char found[PATH_MAX] = "", list[4 * PATH_MAX] = "", path[PATH_MAX + 64];
    const char *env = getenv("INCMAP_BASEMAPS");
    if (env && *env) {
        note_place(list, sizeof list, env, "$INCMAP_BASEMAPS");
        snprintf(found, sizeof found, "%s", env);
    } else {
        char libdir[PATH_MAX], bindir[PATH_MAX], libfile[PATH_MAX], binfile[PATH_MAX];
        bool have_lib = folder_of_library(libdir, sizeof libdir, libfile, sizeof libfile);
        bool have_bin = folder_of_program(bindir, sizeof bindir, binfile, sizeof binfile);
        /* Linked statically, the "library" is the program itself. */
        bool lib_is_bin = have_lib && have_bin && strcmp(libfile, binfile) == 0;
        if (have_lib) {
            snprintf(path, sizeof path, "%s/%s/basemaps", libdir, INCMAP_LIB_TO_DATA);
            consider(found, sizeof found, list, sizeof list, path,
                     lib_is_bin ? "relative to the program" : "relative to the library");
        }
        if (have_bin && !(lib_is_bin && strcmp(INCMAP_LIB_TO_DATA, INCMAP_BIN_TO_DATA) == 0)) {
            snprintf(path, sizeof path, "%s/%s/basemaps", bindir, INCMAP_BIN_TO_DATA);
            consider(found, sizeof found, list, sizeof list, path, "relative to the program");
        }
        /* A build tree: only the link the build made, never a path that was
         * compiled in. Not listed when absent: it means nothing once installed. */
        if (!found[0] && have_lib) {
            snprintf(path, sizeof path, "%s/" BUILD_LINK, libdir);
            if (is_dir(path))
                consider(found, sizeof found, list, sizeof list, path, "build tree");
        }
        if (!found[0] && have_bin) {
            snprintf(path, sizeof path, "%s/" BUILD_LINK, bindir);
            if (is_dir(path))
                consider(found, sizeof found, list, sizeof list, path, "build tree");
        }
        if (!list[0])
            note_place(list, sizeof list, "(none)", "neither the library's nor the program's "
                       "folder is known");
    }
    char *d = found[0] ? im_strdup(found) : NULL;
    char *l = im_strdup(list);
    if ((found[0] && !d) || !l) {
        free(d);
        free(l);
        return IM_ERR_NOMEM;
    }
    free(ctx->basemap_dir);
    free(ctx->basemap_places);
    ctx->basemap_dir = d;
    ctx->basemap_places = l;
    return IM_OK;
}

bool im_basemap_available(const im_context *ctx, const char *name)
{
    char probe[PATH_MAX];
    struct stat sb;
    if (!ctx->basemap_dir)
        return false;
    snprintf(probe, sizeof probe, "%s/%s/manifest.json", ctx->basemap_dir, name);
    return stat(probe, &sb) == 0;
}

im_status im_data_require_basemap(im_context *ctx, const char *name)
{
    if (im_basemap_available(ctx, name))
        return IM_OK;
    return im_fail(ctx, IM_ERR_BASEMAP,
                   "the bundled basemap \"%s\" was not found; looked in: %s. Install it "
                   "(share/incmap/basemaps beside the program's bin folder), set "
                   "INCMAP_BASEMAPS to the folder holding %s/, or draw without one with "
                   "--basemap none", name, ctx->basemap_places ? ctx->basemap_places : "(nowhere)",
                   name);
}
