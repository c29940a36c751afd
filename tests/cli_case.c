/* cli_case.c - runs one CLI case file in process through incmap_cli_main().
 *
 * A case is a text file of "key: value" lines:
 *   args: render {data}/iraq-2021.json -o {tmp}/out.png   (split on spaces;
 *         "quoted words" stay together)
 *   exit: 3                 expected exit code
 *   stderr: lat 95          a fragment stderr must contain (repeatable)
 *   stdout: 35 records      a fragment stdout must contain (repeatable)
 *   stdout-absent: records  a fragment stdout must not contain
 *   absent: {tmp}/out.png   a file that must not exist afterwards
 *   exists: {tmp}/out.png   a file that must exist afterwards
 *   setup-copy: SRC DST     copy a file before running (to test "untouched")
 *   env: NAME=VALUE         set in the environment before running
 *   same: A B               two files with identical bytes afterwards
 *   format: FILE png|svg|pdf  the file's magic bytes say so
 *   png-size: FILE WxH      a PNG of that many pixels
 *   colour: FILE #RRGGBB    a PNG with a pixel within 24 of that colour
 *   no-colour: FILE #RRGGBB   ... and one with none
 *   contains: FILE TEXT     a text file (SVG, .prj, .pgw) holding TEXT
 *   lacks: FILE TEXT        a text file that does not hold TEXT
 *   pdf-text: FILE TEXT     pdftotext finds TEXT in a PDF
 * Every case also checks that each jansson value made during the run is
 * freed by its end (the readers' error paths included).
 * Placeholders: {data} the repository's data/, {tests} tests/, {tmp} a fresh
 * folder for this case.
 *
 * Usage: cli_case CASE_FILE DATA_DIR TESTS_DIR TMP_ROOT
 */
#define _POSIX_C_SOURCE 200809L /* setenv */

#include "cli.h"
#include "unit/testutil.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_data[1024], g_tests[1024], g_tmp[1024];

static void expand(const char *in, char *out, size_t size)
{
    size_t o = 0;
    while (*in && o + 1 < size) {
        const char *rep = NULL;
        size_t skip = 0;
        if (strncmp(in, "{data}", 6) == 0) rep = g_data, skip = 6;
        else if (strncmp(in, "{tests}", 7) == 0) rep = g_tests, skip = 7;
        else if (strncmp(in, "{tmp}", 5) == 0) rep = g_tmp, skip = 5;
        if (rep) {
            size_t n = strlen(rep);
            if (o + n >= size) break;
            memcpy(out + o, rep, n);
            o += n;
            in += skip;
        } else {
            out[o++] = *in++;
        }
    }
    out[o] = '\0';
}

static char *slurp(FILE *fp);
static char *slurp_path(FILE *fp)
{
    fseek(fp, 0, SEEK_END);
    return slurp(fp);
}

static char *slurp(FILE *fp)
{
    fflush(fp);
    long n = ftell(fp);
    if (n < 0) n = 0;
    char *buf = malloc((size_t)n + 1);
    if (!buf) return NULL;
    rewind(fp);
    size_t got = fread(buf, 1, (size_t)n, fp);
    buf[got] = '\0';
    return buf;
}

/* First bytes of a file match the format's signature. */
static int has_format(const char *path, const char *fmt)
{
    unsigned char b[16] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    if (strcmp(fmt, "png") == 0)
        return n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0;
    if (strcmp(fmt, "pdf") == 0)
        return n >= 5 && memcmp(b, "%PDF-", 5) == 0;
    if (strcmp(fmt, "svg") == 0)
        return n >= 5 && (memcmp(b, "<?xml", 5) == 0 || memcmp(b, "<svg", 4) == 0);
    return 0;
}

/* Smallest largest-channel distance from any pixel of a PNG to #RRGGBB. */
static int colour_distance(const char *path, const char *hex)
{
    unsigned w, h;
    unsigned char *px = tu_read_rgba(path, &w, &h);
    if (!px || hex[0] != '#')
        return -1;
    unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
    int want[3] = {(int)(v >> 16) & 255, (int)(v >> 8) & 255, (int)v & 255}, best = 999;
    for (size_t i = 0; i < (size_t)w * h; i++) {
        int m = 0;
        for (int c = 0; c < 3; c++) {
            int d = abs(px[4 * i + c] - want[c]);
            m = d > m ? d : m;
        }
        best = m < best ? m : best;
    }
    free(px);
    return best;
}

/* Does the file (or the text pdftotext extracts from it) contain frag? */
static int file_contains(const char *path, const char *frag, int pdf)
{
    char txt[2300], cmd[4800];
    if (pdf) {
        snprintf(txt, sizeof txt, "%s.txt", path);
        snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' '%s'", path, txt);
        if (system(cmd) != 0)
            return 0;
        path = txt;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *text = slurp_path(f);
    fclose(f);
    if (pdf)
        remove(txt);
    int found = text && strstr(text, frag) != NULL;
    free(text);
    return found;
}

/* Live jansson allocations (workers decode JSON in threads: atomic). */
static long g_json_live;
static void *json_counted_malloc(size_t n)
{
    void *p = malloc(n);
    if (p)
        __atomic_add_fetch(&g_json_live, 1, __ATOMIC_RELAXED);
    return p;
}
static void json_counted_free(void *p)
{
    if (p)
        __atomic_sub_fetch(&g_json_live, 1, __ATOMIC_RELAXED);
    free(p);
}

int main(int argc, char **argv)
{
    json_set_alloc_funcs(json_counted_malloc, json_counted_free);
    if (argc != 5) {
        fprintf(stderr, "usage: cli_case CASE DATA_DIR TESTS_DIR TMP_ROOT\n");
        return 2;
    }
    snprintf(g_data, sizeof g_data, "%s", argv[2]);
    snprintf(g_tests, sizeof g_tests, "%s", argv[3]);
    const char *base = strrchr(argv[1], '/');
    base = base ? base + 1 : argv[1];
    mkdir(argv[4], 0755);
    snprintf(g_tmp, sizeof g_tmp, "%s/%s.d", argv[4], base);
    /* a fresh folder: remove what an earlier run left */
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", g_tmp, g_tmp);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot create %s\n", g_tmp);
        return 1;
    }

    FILE *cf = fopen(argv[1], "r");
    if (!cf) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char line[4096], exp[4096];
    char *args[128];
    int nargs = 0, want_exit = -1;
    static char argbuf[8192];
    size_t argpos = 0;
    char checks[64][4096];
    int nchecks = 0;
    while (fgets(line, sizeof line, cf)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        expand(line, exp, sizeof exp);
        if (strncmp(exp, "args:", 5) == 0) {
            args[nargs++] = "incmap";
            char *p = exp + 5;
            while (*p) {
                while (*p == ' ') p++;
                if (!*p) break;
                char *start = argbuf + argpos;
                if (*p == '"') {
                    p++;
                    while (*p && *p != '"') argbuf[argpos++] = *p++;
                    if (*p) p++;
                } else {
                    while (*p && *p != ' ') argbuf[argpos++] = *p++;
                }
                argbuf[argpos++] = '\0';
                if (nargs < 127) args[nargs++] = start;
            }
        } else if (strncmp(exp, "exit:", 5) == 0) {
            want_exit = atoi(exp + 5);
        } else if (strncmp(exp, "setup-copy:", 11) == 0) {
            char src[2048], dst[2048];
            if (sscanf(exp + 11, " %2047s %2047s", src, dst) != 2 || tu_copy_file(src, dst) != 0) {
                fprintf(stderr, "%s: setup-copy failed: %s\n", base, exp);
                return 1;
            }
        } else if (strncmp(exp, "env:", 4) == 0) {
            char *kv = exp + 4, *eq;
            while (*kv == ' ') kv++;
            if (!(eq = strchr(kv, '=')) || eq == kv) {
                fprintf(stderr, "%s: env: expected NAME=VALUE: %s\n", base, exp);
                return 1;
            }
            *eq = '\0';
            setenv(kv, eq + 1, 1);
        } else if (nchecks < 64) {
            snprintf(checks[nchecks++], sizeof checks[0], "%s", exp);
        }
    }
    fclose(cf);
    args[nargs] = NULL;

    FILE *out = tmpfile(), *err = tmpfile();
    if (!out || !err) {
        fprintf(stderr, "tmpfile failed\n");
        return 1;
    }
    int rc = incmap_cli_main(nargs, args, out, err);
    char *sout = slurp(out), *serr = slurp(err);
    fclose(out);
    fclose(err);
    int failed = 0;
    long live = __atomic_load_n(&g_json_live, __ATOMIC_RELAXED);
    if (live != 0) {
        fprintf(stderr, "FAIL %s: %ld jansson allocations not freed by the end of the run\n",
                base, live);
        failed = 1;
    }
    if (want_exit >= 0 && rc != want_exit) {
        fprintf(stderr, "FAIL %s: exit %d, expected %d\n", base, rc, want_exit);
        failed = 1;
    }
    for (int i = 0; i < nchecks; i++) {
        const char *c = checks[i];
        struct stat sb;
        char a[2048], b[2048];
        if (strncmp(c, "stderr:", 7) == 0) {
            const char *frag = c + 7 + strspn(c + 7, " ");
            if (!strstr(serr, frag)) {
                fprintf(stderr, "FAIL %s: stderr lacks \"%s\"\n", base, frag);
                failed = 1;
            }
        } else if (strncmp(c, "stdout:", 7) == 0) {
            const char *frag = c + 7 + strspn(c + 7, " ");
            if (!strstr(sout, frag)) {
                fprintf(stderr, "FAIL %s: stdout lacks \"%s\"\n", base, frag);
                failed = 1;
            }
        } else if (strncmp(c, "stdout-absent:", 14) == 0) {
            const char *frag = c + 14 + strspn(c + 14, " ");
            if (strstr(sout, frag)) {
                fprintf(stderr, "FAIL %s: stdout has \"%s\"\n", base, frag);
                failed = 1;
            }
        } else if (strncmp(c, "absent:", 7) == 0) {
            const char *f = c + 7 + strspn(c + 7, " ");
            if (stat(f, &sb) == 0) {
                fprintf(stderr, "FAIL %s: %s exists but must not\n", base, f);
                failed = 1;
            }
        } else if (strncmp(c, "exists:", 7) == 0) {
            const char *f = c + 7 + strspn(c + 7, " ");
            if (stat(f, &sb) != 0 || sb.st_size == 0) {
                fprintf(stderr, "FAIL %s: %s missing or empty\n", base, f);
                failed = 1;
            }
        } else if (strncmp(c, "same:", 5) == 0 && sscanf(c + 5, " %2047s %2047s", a, b) == 2) {
            if (!tu_same_bytes(a, b)) {
                fprintf(stderr, "FAIL %s: %s and %s differ\n", base, a, b);
                failed = 1;
            }
        } else if (strncmp(c, "format:", 7) == 0 && sscanf(c + 7, " %2047s %2047s", a, b) == 2) {
            if (!has_format(a, b)) {
                fprintf(stderr, "FAIL %s: %s is not a %s file\n", base, a, b);
                failed = 1;
            }
        } else if (strncmp(c, "png-size:", 9) == 0 && sscanf(c + 9, " %2047s %2047s", a, b) == 2) {
            unsigned w = 0, h = 0, ww = 0, wh = 0;
            unsigned char *px = tu_read_rgba(a, &w, &h);
            free(px);
            if (sscanf(b, "%ux%u", &ww, &wh) != 2 || !px || w != ww || h != wh) {
                fprintf(stderr, "FAIL %s: %s is %ux%u, expected %s\n", base, a, w, h, b);
                failed = 1;
            }
        } else if ((strncmp(c, "colour:", 7) == 0 || strncmp(c, "no-colour:", 10) == 0) &&
                   sscanf(strchr(c, ':') + 1, " %2047s %2047s", a, b) == 2) {
            int want = c[0] == 'c', d = colour_distance(a, b);
            if (d < 0 || (want ? d > 24 : d <= 24)) {
                fprintf(stderr, "FAIL %s: %s: %s %s (nearest pixel %d away)\n", base, a,
                        want ? "no pixel of" : "has pixels of", b, d);
                failed = 1;
            }
        } else if (strncmp(c, "lacks:", 6) == 0 && sscanf(c + 6, " %2047s", a) == 1) {
            const char *frag = strstr(c + 6, a) + strlen(a);
            frag += strspn(frag, " ");
            if (file_contains(a, frag, false)) {
                fprintf(stderr, "FAIL %s: %s has \"%s\"\n", base, a, frag);
                failed = 1;
            }
        } else if ((strncmp(c, "contains:", 9) == 0 || strncmp(c, "pdf-text:", 9) == 0) &&
                   sscanf(c + 9, " %2047s", a) == 1) {
            const char *frag = strstr(c + 9, a) + strlen(a);
            frag += strspn(frag, " ");
            if (!file_contains(a, frag, c[0] == 'p')) {
                fprintf(stderr, "FAIL %s: %s lacks \"%s\"\n", base, a, frag);
                failed = 1;
            }
        } else {
            fprintf(stderr, "FAIL %s: unknown line \"%s\"\n", base, c);
            failed = 1;
        }
    }
    /* No stray temporary files may be left in {tmp}. */
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q '^\\.'", g_tmp);
    if (system(cmd) == 0) {
        fprintf(stderr, "FAIL %s: a temporary file was left in %s\n", base, g_tmp);
        failed = 1;
    }
    if (failed) {
        fprintf(stderr, "---- stdout ----\n%s---- stderr ----\n%s----\n", sout, serr);
    } else {
        printf("ok %s (exit %d)\n", base, rc);
    }
    free(sout);
    free(serr);
    return failed;
}
