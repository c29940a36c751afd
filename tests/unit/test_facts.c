/* test_facts.c - facts about rendered maps, checked against numbers computed
 * here independently of the renderer.
 *
 * Incidents are placed far apart so each one can be probed alone. Where a
 * marker must be, this test works out itself: the lon/lat goes through PROJ
 * (a transformation built here from the .prj the render wrote) and the world
 * file, giving a device position; geodesic distances come from PROJ's
 * geodesic.h. Text facts (legend counts, the title block) come from
 * pdftotext on a PDF render, shape facts (dashed edges) from the SVG.
 *
 * Every render goes through the CLI in process, so an option the CLI
 * forgets to pass on fails here too.
 *
 * Usage: test_facts TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "cli.h"
#include "testutil.h"

#include <geodesic.h>
#include <math.h>
#include <stdarg.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char g_tmp[1024];
static char g_err[8192];

/* Run "incmap ARGS" (split on spaces, "quoted words" kept) in process. */
static int run(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static int run(const char *fmt, ...)
{
    static char line[8192], buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    char *argv[128];
    int argc = 0;
    argv[argc++] = "incmap";
    size_t o = 0;
    for (char *p = line; *p && argc < 127;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        argv[argc++] = buf + o;
        if (*p == '"') {
            p++;
            while (*p && *p != '"')
                buf[o++] = *p++;
            if (*p)
                p++;
        } else {
            while (*p && *p != ' ')
                buf[o++] = *p++;
        }
        buf[o++] = '\0';
    }
    argv[argc] = NULL;
    FILE *out = tmpfile(), *err = tmpfile();
    int rc = incmap_cli_main(argc, argv, out, err);
    rewind(err);
    size_t n = fread(g_err, 1, sizeof g_err - 1, err);
    g_err[n] = '\0';
    fclose(out);
    fclose(err);
    if (rc != 0)
        fprintf(stderr, "incmap %s -> %d\n%s", line, rc, g_err);
    return rc;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)(n > 0 ? n : 0) + 1);
    size_t got = b ? fread(b, 1, (size_t)(n > 0 ? n : 0), f) : 0;
    if (b)
        b[got] = '\0';
    fclose(f);
    return b;
}

/* ---- georeference: the world file + the .prj, read back independently ---- */

typedef struct {
    double a, d, b, e, c, f; /* world file terms */
    PJ_CONTEXT *pj;
    PJ *op;
} georef;

static int georef_open(georef *g, const char *png)
{
    memset(g, 0, sizeof *g);
    char path[2048];
    snprintf(path, sizeof path, "%.*s.pgw", (int)(strlen(png) - 4), png);
    FILE *f = fopen(path, "r");
    if (!f || fscanf(f, "%lf %lf %lf %lf %lf %lf", &g->a, &g->d, &g->b, &g->e, &g->c, &g->f) != 6) {
        if (f)
            fclose(f);
        return -1;
    }
    fclose(f);
    snprintf(path, sizeof path, "%.*s.prj", (int)(strlen(png) - 4), png);
    char *wkt = read_all(path);
    if (!wkt)
        return -1;
    g->pj = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(g->pj, "EPSG:4326", wkt, NULL);
    free(wkt);
    if (!raw)
        return -1;
    g->op = proj_normalize_for_visualization(g->pj, raw);
    proj_destroy(raw);
    return g->op ? 0 : -1;
}

static void georef_close(georef *g)
{
    proj_destroy(g->op);
    proj_context_destroy(g->pj);
}

/* lon/lat -> device position: pixel i spans [i, i+1), so the world file's
 * C,F (the top-left pixel's centre) is at device 0.5,0.5. */
static void georef_px(const georef *g, double lon, double lat, double *x, double *y)
{
    PJ_COORD c = proj_coord(lon, lat, 0, 0);
    PJ_COORD r = proj_trans(g->op, PJ_FWD, c);
    *x = (r.xy.x - g->c) / g->a + 0.5;
    *y = (r.xy.y - g->f) / g->e + 0.5;
}

/* ---- image probes ---- */

typedef struct {
    unsigned char *px;
    unsigned w, h;
} image;

static const unsigned char *at(const image *im, int x, int y)
{
    if (x < 0) x = 0;
    if (y < 0) y = 0;
    if (x >= (int)im->w) x = (int)im->w - 1;
    if (y >= (int)im->h) y = (int)im->h - 1;
    return im->px + 4 * ((size_t)y * im->w + (size_t)x);
}

static int cdist(const unsigned char *p, const unsigned char *q)
{
    int m = 0;
    for (int c = 0; c < 3; c++) {
        int d = abs(p[c] - q[c]);
        m = d > m ? d : m;
    }
    return m;
}

static void hex_rgb(const char *hex, unsigned char rgb[3])
{
    unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
    rgb[0] = (unsigned char)(v >> 16);
    rgb[1] = (unsigned char)(v >> 8);
    rgb[2] = (unsigned char)v;
}

/* The smallest colour distance to rgb within radius r of (x, y). */
static int nearest_colour(const image *im, double x, double y, int r, const unsigned char rgb[3])
{
    int best = 999;
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++) {
            int d = cdist(at(im, (int)floor(x) + dx, (int)floor(y) + dy), rgb);
            best = d < best ? d : best;
        }
    return best;
}

/* Centroid of "ink" (difference from the background) in a window. */
static void ink_centroid(const image *im, double x, double y, int r, const unsigned char *bg,
                         double *cx, double *cy)
{
    double sw = 0, sx = 0, sy = 0;
    for (int j = (int)floor(y) - r; j <= (int)floor(y) + r; j++)
        for (int i = (int)floor(x) - r; i <= (int)floor(x) + r; i++) {
            double w = cdist(at(im, i, j), bg);
            if (w < 6)
                continue;
            sw += w;
            sx += w * (i + 0.5);
            sy += w * (j + 0.5);
        }
    *cx = sw > 0 ? sx / sw : NAN;
    *cy = sw > 0 ? sy / sw : NAN;
}

/* Flood-fill the region of (x, y)'s colour; its area and bounding box. */
static void region(const image *im, int x, int y, int tol, int *area, int *bw, int *bh)
{
    int w = (int)im->w, h = (int)im->h;
    unsigned char *seen = calloc((size_t)w * (size_t)h, 1);
    int *stack = malloc(sizeof(int) * (size_t)w * (size_t)h);
    const unsigned char *seed = at(im, x, y);
    int n = 0, top = 0, x0 = x, x1 = x, y0 = y, y1 = y;
    stack[top++] = y * w + x;
    seen[y * w + x] = 1;
    while (top > 0) {
        int k = stack[--top], i = k % w, j = k / w;
        n++;
        x0 = i < x0 ? i : x0; x1 = i > x1 ? i : x1;
        y0 = j < y0 ? j : y0; y1 = j > y1 ? j : y1;
        const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int q = 0; q < 4; q++) {
            int a = i + nb[q][0], b = j + nb[q][1];
            if (a < 0 || b < 0 || a >= w || b >= h || seen[b * w + a])
                continue;
            if (cdist(at(im, a, b), seed) > tol)
                continue;
            seen[b * w + a] = 1;
            stack[top++] = b * w + a;
        }
    }
    free(seen);
    free(stack);
    *area = n;
    *bw = x1 - x0 + 1;
    *bh = y1 - y0 + 1;
}

/* ---- the fixture: seven incidents, each alone in its part of the map ---- */

typedef struct {
    const char *id, *weapon, *date;
    double lon, lat, unc_km;
} fx;

static const fx FIX[] = {
    {"r1", "rocket", "2021-06-15", 41.5, 33.6, 0},
    {"r2", "rocket", "2021-06-15", 45.6, 36.3, 0},
    {"r3", "rocket", "2021-06-15", 41.2, 36.4, 0},
    {"d1", "drone", "2021-06-15", 43.3, 35.0, 30},
    {"i1", "ied", "2021-06-15", 45.2, 33.0, 0},
    {"i2", "ied", "2021-06-15", 43.0, 33.4, 0},
    {"m1", "mortar", "2021-06", 44.4, 36.1, 0},
};
#define NFIX (sizeof FIX / sizeof FIX[0])
static const char *COLOUR[] = {"rocket", "#D55E00", "drone", "#0072B2", "ied", "#009E73",
                               "mortar", "#E69F00"};

static const char *colour_of(const char *weapon)
{
    for (size_t i = 0; i < sizeof COLOUR / sizeof COLOUR[0]; i += 2)
        if (strcmp(COLOUR[i], weapon) == 0)
            return COLOUR[i + 1];
    return "#000000";
}

/* Write the fixture; month_day replaces m1's month date (NULL keeps it). */
static void write_fixture(const char *path, const char *month_day)
{
    char buf[4096];
    size_t o = (size_t)snprintf(buf, sizeof buf, "{\"incidents\": [\n");
    for (size_t i = 0; i < NFIX; i++) {
        const fx *f = &FIX[i];
        const char *date = f->id[0] == 'm' && month_day ? month_day : f->date;
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "{\"id\": \"%s\", \"date\": \"%s\", \"lon\": %g, \"lat\": %g, "
                              "\"weapon\": \"%s\"",
                              f->id, date, f->lon, f->lat, f->weapon);
        if (f->unc_km > 0)
            o += (size_t)snprintf(buf + o, sizeof buf - o, ", \"uncertainty_km\": %g", f->unc_km);
        o += (size_t)snprintf(buf + o, sizeof buf - o, "}%s\n", i + 1 < NFIX ? "," : "");
    }
    snprintf(buf + o, sizeof buf - o, "]}\n");
    write_text(path, buf);
}

/* Options that leave the frame empty but for the incidents. */
#define BARE "--basemap none --bbox 40,32,46.5,37 --no-graticule --no-legend --no-scale-bar " \
             "--no-north-arrow --no-inset --no-site-labels"

static int load_png(const char *path, image *im)
{
    im->px = tu_read_rgba(path, &im->w, &im->h);
    return im->px ? 0 : -1;
}

/* The background colour: a point of the frame no incident is near. */
static void background(const image *im, const georef *g, unsigned char bg[4])
{
    double x, y;
    georef_px(g, 40.6, 34.9, &x, &y);
    memcpy(bg, at(im, (int)x, (int)y), 4);
}

static void test_markers_and_world_file(const char *fixture)
{
    char png[2048];
    snprintf(png, sizeof png, "%s/facts-markers.png", g_tmp);
    CHECK(run("render %s " BARE " --no-uncertainty --size 1200x900 --dpi 150 --world-file -o %s",
              fixture, png) == 0, "render");
    image im;
    georef g;
    if (load_png(png, &im) != 0 || georef_open(&g, png) != 0) {
        CHECK(0, "cannot read %s or its world file", png);
        return;
    }
    CHECK(im.w == 1200 && im.h == 900, "size %ux%u", im.w, im.h);
    unsigned char bg[4];
    background(&im, &g, bg);
    /* Every incident: its weapon's colour at the position PROJ + the world
     * file give, and not at the mirrored empty spot. */
    for (size_t i = 0; i < NFIX; i++) {
        double x, y;
        georef_px(&g, FIX[i].lon, FIX[i].lat, &x, &y);
        unsigned char rgb[3];
        hex_rgb(colour_of(FIX[i].weapon), rgb);
        int d = nearest_colour(&im, x, y, 4, rgb);
        CHECK(d <= 40, "%s (%s): no %s pixel within 4 px of %.1f,%.1f (nearest differs by %d)",
              FIX[i].id, FIX[i].weapon, colour_of(FIX[i].weapon), x, y, d);
        int far = nearest_colour(&im, x, y + 60, 4, rgb);
        CHECK(far > 40, "%s: its colour also 60 px below the marker", FIX[i].id);
    }
    /* The world file is exact: the symmetric markers (IED squares, the
     * drone's diamond) have their ink centred where PROJ + the world file
     * put them, to a fifth of a pixel (half a pixel off fails). */
    const char *sym[] = {"i1", "i2", "d1"};
    for (int k = 0; k < 3; k++) {
        const fx *f = NULL;
        for (size_t i = 0; i < NFIX; i++)
            if (strcmp(FIX[i].id, sym[k]) == 0)
                f = &FIX[i];
        double x, y, cx, cy;
        georef_px(&g, f->lon, f->lat, &x, &y);
        ink_centroid(&im, x, y, 14, bg, &cx, &cy);
        CHECK(fabs(cx - x) < 0.2 && fabs(cy - y) < 0.2,
              "%s: ink centred at %.2f,%.2f, the world file says %.2f,%.2f", f->id, cx, cy, x, y);
    }
    free(im.px);
    georef_close(&g);
}

static void test_weapon_filter(const char *fixture)
{
    char png[2048];
    snprintf(png, sizeof png, "%s/facts-weapon.png", g_tmp);
    CHECK(run("render %s " BARE " --no-uncertainty --size 1200x900 --dpi 150 --world-file "
              "--weapon drone,ied -o %s", fixture, png) == 0, "render");
    image im;
    georef g;
    if (load_png(png, &im) != 0 || georef_open(&g, png) != 0) {
        CHECK(0, "cannot read %s", png);
        return;
    }
    for (size_t i = 0; i < NFIX; i++) {
        double x, y;
        georef_px(&g, FIX[i].lon, FIX[i].lat, &x, &y);
        unsigned char rgb[3];
        hex_rgb(colour_of(FIX[i].weapon), rgb);
        int d = nearest_colour(&im, x, y, 4, rgb);
        int kept = strcmp(FIX[i].weapon, "drone") == 0 || strcmp(FIX[i].weapon, "ied") == 0;
        CHECK(kept ? d <= 40 : d > 60, "--weapon drone,ied: %s (%s) %s", FIX[i].id,
              FIX[i].weapon, kept ? "missing" : "drawn");
    }
    free(im.px);
    georef_close(&g);
}

/* --density hex draws pointy-top hexagons (area 3/4 of their bounding
 * box), --density grid squares (all of it); no marker colours. */
static void test_density(const char *fixture)
{
    const char *modes[] = {"hex", "grid"};
    for (int m = 0; m < 2; m++) {
        char png[2048];
        snprintf(png, sizeof png, "%s/facts-density-%s.png", g_tmp, modes[m]);
        CHECK(run("render %s " BARE " --no-uncertainty --size 1600x1200 --dpi 200 --world-file "
                  "--density %s -o %s", fixture, modes[m], png) == 0, "render %s", modes[m]);
        image im;
        georef g;
        if (load_png(png, &im) != 0 || georef_open(&g, png) != 0) {
            CHECK(0, "cannot read %s", png);
            continue;
        }
        unsigned char bg[4];
        background(&im, &g, bg);
        /* i1 and r2: lone incidents, so one bin each. */
        const int pick[] = {4, 1};
        for (int k = 0; k < 2; k++) {
            const fx *f = &FIX[pick[k]];
            double x, y;
            georef_px(&g, f->lon, f->lat, &x, &y);
            unsigned char rgb[3];
            hex_rgb(colour_of(f->weapon), rgb);
            CHECK(nearest_colour(&im, x, y, 3, rgb) > 40, "--density %s: %s drawn as a marker",
                  modes[m], f->id);
            CHECK(cdist(at(&im, (int)x, (int)y), bg) > 30, "--density %s: no bin at %s",
                  modes[m], f->id);
            /* The incident may sit on the anti-aliased edge of its bin: the
             * largest region found from it or a few pixels around it. */
            int area = 0, bw = 1, bh = 1;
            for (int oy = -4; oy <= 4; oy += 4)
                for (int ox = -4; ox <= 4; ox += 4) {
                    int a2, w2, h2;
                    if (cdist(at(&im, (int)x + ox, (int)y + oy), bg) <= 30)
                        continue; /* the background, not a bin */
                    region(&im, (int)x + ox, (int)y + oy, 12, &a2, &w2, &h2);
                    if (a2 > area)
                        area = a2, bw = w2, bh = h2;
                }
            double fill = (double)area / ((double)bw * bh);
            int ok = m == 0 ? (fill > 0.62 && fill < 0.86 && bh > bw)
                            : (fill > 0.9 && abs(bw - bh) <= 2);
            CHECK(ok && bw > 8 && bw < 80, "--density %s at %s: bin %dx%d px, %.2f filled",
                  modes[m], f->id, bw, bh, fill);
        }
        free(im.px);
        georef_close(&g);
    }
}

/* The uncertainty disc has the geodesic radius: tinted at 0.85 r, clear at
 * 1.15 r, in four directions (r from PROJ's geodesic code, not incmap's). */
static void test_uncertainty(const char *fixture)
{
    char png[2048];
    snprintf(png, sizeof png, "%s/facts-uncertainty.png", g_tmp);
    CHECK(run("render %s " BARE " --size 1200x900 --dpi 150 --world-file -o %s", fixture,
              png) == 0, "render");
    image im;
    georef g;
    if (load_png(png, &im) != 0 || georef_open(&g, png) != 0) {
        CHECK(0, "cannot read %s", png);
        return;
    }
    unsigned char bg[4];
    background(&im, &g, bg);
    struct geod_geodesic wgs;
    geod_init(&wgs, 6378137, 1 / 298.257223563);
    const fx *f = &FIX[3];
    double cx, cy;
    georef_px(&g, f->lon, f->lat, &cx, &cy);
    for (int az = 0; az < 360; az += 90) {
        double lat2, lon2, x, y;
        geod_direct(&wgs, f->lat, f->lon, az, f->unc_km * 1000, &lat2, &lon2, NULL);
        georef_px(&g, lon2, lat2, &x, &y);
        double ix = cx + 0.85 * (x - cx), iy = cy + 0.85 * (y - cy);
        double ox = cx + 1.15 * (x - cx), oy = cy + 1.15 * (y - cy);
        int din = cdist(at(&im, (int)ix, (int)iy), bg), dout = cdist(at(&im, (int)ox, (int)oy), bg);
        CHECK(din >= 4 && dout <= 2,
              "uncertainty ring, azimuth %d: %.0f px radius; tint %d inside, %d outside", az,
              hypot(x - cx, y - cy), din, dout);
    }
    free(im.px);
    georef_close(&g);
}

/* Count dashed strokes in an SVG. */
static int count_dashed(const char *svg)
{
    char *t = read_all(svg);
    int n = 0;
    for (const char *p = t; p && (p = strstr(p, "stroke-dasharray")); p++)
        n++;
    free(t);
    return n;
}

/* A month-precision date has a dashed edge; the same incident dated to
 * the day has none. */
static void test_month_dashed(const char *month_fixture, const char *day_fixture)
{
    char a[2048], b[2048];
    snprintf(a, sizeof a, "%s/facts-month.svg", g_tmp);
    snprintf(b, sizeof b, "%s/facts-day.svg", g_tmp);
    CHECK(run("render %s " BARE " --no-uncertainty -o %s", month_fixture, a) == 0, "month");
    CHECK(run("render %s " BARE " --no-uncertainty -o %s", day_fixture, b) == 0, "day");
    int na = count_dashed(a), nb = count_dashed(b);
    CHECK(na >= 1 && nb == 0, "dashed strokes: %d with a month date, %d without", na, nb);
}

/* Text of a PDF through pdftotext (poppler-utils, in .ci/deps). */
static char *pdf_text(const char *pdf)
{
    char cmd[4200], txt[2100];
    snprintf(txt, sizeof txt, "%s.txt", pdf);
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' '%s'", pdf, txt);
    if (system(cmd) != 0)
        return NULL;
    return read_all(txt);
}

/* The number written after a legend label ("Rocket   3"): the first place
 * the label is followed by spaces and digits; -1 when there is none. */
static long legend_count(const char *text, const char *label)
{
    for (const char *p = text; (p = strstr(p, label)); p++) {
        const char *q = p + strlen(label);
        if (*q != ' ')
            continue;
        while (*q == ' ')
            q++;
        char *end;
        long v = strtol(q, &end, 10);
        if (end != q)
            return v;
    }
    return -1;
}

static void test_pdf_text(const char *fixture, const char *precision)
{
    char pdf[2048];
    snprintf(pdf, sizeof pdf, "%s/facts-legend.pdf", g_tmp);
    CHECK(run("render %s --basemap none --bbox 40,32,46.5,37 -o %s", fixture, pdf) == 0, "pdf");
    char *t = pdf_text(pdf);
    CHECK(t != NULL, "pdftotext failed on %s", pdf);
    if (t) {
        CHECK(strncmp(t, "%PDF", 4) != 0, "text");
        long r = legend_count(t, "Rocket"), d = legend_count(t, "Drone"),
             i = legend_count(t, "IED"), m = legend_count(t, "Mortar");
        CHECK(r == 3 && d == 1 && i == 2 && m == 1,
              "legend counts: rocket %ld, drone %ld, IED %ld, mortar %ld (want 3, 1, 2, 1)", r, d,
              i, m);
        CHECK(strstr(t, "7 incidents, 2021-06-09 – 2021-06-16") != NULL ||
                  strstr(t, "7 incidents") != NULL,
              "default title: %.300s", t);
        CHECK(strstr(t, "Dashed edge: date known to the month only") != NULL,
              "the legend explains the dashed edge");
        free(t);
    }
    /* A custom title keeps the window as its subtitle. */
    snprintf(pdf, sizeof pdf, "%s/facts-title.pdf", g_tmp);
    CHECK(run("render %s --basemap none --title \"Rockets and drones\" --from 2021-02-01 "
              "--to 2021-06-30 -o %s", precision, pdf) == 0, "pdf");
    t = pdf_text(pdf);
    if (t) {
        CHECK(strstr(t, "Rockets and drones") != NULL, "custom title missing: %.300s", t);
        CHECK(strstr(t, "1 February") && strstr(t, "30 June 2021"),
              "the window 1 February to 30 June 2021 is not in the title block: %.400s", t);
        /* The window keeps one incident of precision.json (the May one). */
        CHECK(legend_count(t, "Rocket") == 1 && legend_count(t, "Drone") < 0 &&
                  legend_count(t, "IED") < 0,
              "window: legend %ld rocket, %ld drone, %ld IED", legend_count(t, "Rocket"),
              legend_count(t, "Drone"), legend_count(t, "IED"));
        free(t);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    snprintf(g_tmp, sizeof g_tmp, "%s", argv[2]);
    char fixture[2048], dayfix[2048], precision[2048];
    snprintf(fixture, sizeof fixture, "%s/facts-isolated.json", g_tmp);
    snprintf(dayfix, sizeof dayfix, "%s/facts-isolated-day.json", g_tmp);
    snprintf(precision, sizeof precision, "%s/render/precision.json", argv[1]);
    write_fixture(fixture, NULL);
    write_fixture(dayfix, "2021-06-15");

    test_markers_and_world_file(fixture);
    test_weapon_filter(fixture);
    test_density(fixture);
    test_uncertainty(fixture);
    test_month_dashed(fixture, dayfix);
    test_pdf_text(fixture, precision);
    return check_result("test_facts");
}
