/* test_png.c - png.c on its own: what im_png_write puts in the file (the
 * pixels, straight alpha from Cairo's premultiplied ARGB32, RGB when every
 * pixel is opaque, the resolution, the text chunks) and what
 * im_png_read_gray makes of grey, palette and colour files and of files
 * that are not PNGs. Read back through libpng, not through png.c.
 *
 * Usage: test_png TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char g_tmp[1024];

static const char *tmp_path(const char *name)
{
    static char buf[4][1200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/png-%s", g_tmp, name);
    return buf[k];
}

static im_status write_surface(im_context *ctx, cairo_surface_t *s, const char *path, double dpi,
                               int level, bool smooth, const im_png_text *text, size_t n_text)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return IM_ERR_IO_WRITE;
    im_context_clear_error(ctx);
    im_status st = im_png_write(ctx, s, fp, dpi, level, smooth, text, n_text);
    fclose(fp);
    return st;
}

/* What libpng reads from the file's header and chunks. */
typedef struct info {
    int ok, color_type, bit_depth;
    png_uint_32 w, h, res_x, res_y;
    int unit;
    int n_text;
    char keys[8][80], values[8][200];
    int compression[8];
} info;

static info read_info(const char *path)
{
    info r;
    memset(&r, 0, sizeof r);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return r;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop inf = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &inf, NULL);
        fclose(fp);
        return r;
    }
    png_init_io(png, fp);
    png_read_info(png, inf);
    r.w = png_get_image_width(png, inf);
    r.h = png_get_image_height(png, inf);
    r.color_type = png_get_color_type(png, inf);
    r.bit_depth = png_get_bit_depth(png, inf);
    png_get_pHYs(png, inf, &r.res_x, &r.res_y, &r.unit);
    png_textp t = NULL;
    int n = 0;
    png_get_text(png, inf, &t, &n);
    for (int i = 0; i < n && i < 8; i++) {
        snprintf(r.keys[i], sizeof r.keys[i], "%s", t[i].key);
        snprintf(r.values[i], sizeof r.values[i], "%s", t[i].text ? t[i].text : "");
        r.compression[i] = t[i].compression;
    }
    r.n_text = n;
    r.ok = 1;
    png_destroy_read_struct(&png, &inf, NULL);
    fclose(fp);
    return r;
}

static int near(int a, int b, int tol)
{
    return abs(a - b) <= tol;
}

/* A translucent surface comes back with straight (not premultiplied)
 * colour, as RGBA; fully transparent and opaque pixels untouched. */
static void translucent(im_context *ctx)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 10);
    cairo_t *cr = cairo_create(s);
    /* left quarter: transparent; then half-transparent blue-green; then a
     * quarter-alpha orange; the right quarter opaque red */
    cairo_set_source_rgba(cr, 0.2, 0.6, 0.8, 0.5);
    cairo_rectangle(cr, 10, 0, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 1.0, 0.6, 0.0, 0.25);
    cairo_rectangle(cr, 20, 0, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 1.0);
    cairo_rectangle(cr, 30, 0, 10, 10);
    cairo_fill(cr);
    /* a ramp of alphas over a ramp of colours: every rounding case */
    for (int x = 0; x < 40; x++) {
        cairo_set_source_rgba(cr, x / 39.0, 1 - x / 39.0, 0.5, (x + 1) / 41.0);
        cairo_rectangle(cr, x, 0, 1, 2);
        cairo_fill(cr);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    /* Cairo's premultiplied bytes, kept to check the straight values below */
    unsigned char *pre = malloc(40 * 10 * 4);
    const unsigned char *sd = cairo_image_surface_get_data(s);
    int sstride = cairo_image_surface_get_stride(s);
    for (int y = 0; pre && y < 10; y++)
        memcpy(pre + y * 160, sd + y * sstride, 160);
    const char *path = tmp_path("translucent.png");
    im_status st = write_surface(ctx, s, path, 96, 6, false, NULL, 0);
    cairo_surface_destroy(s);
    CHECK(st == IM_OK, "im_png_write: %s", im_context_last_error(ctx));
    info in = read_info(path);
    CHECK(in.ok && in.color_type == PNG_COLOR_TYPE_RGB_ALPHA && in.bit_depth == 8,
          "translucent map written as colour type %d depth %d, want RGBA (6) at 8", in.color_type,
          in.bit_depth);
    /* 96 dpi = 3779.5 pixels per metre, rounded */
    CHECK(in.unit == PNG_RESOLUTION_METER && in.res_x == 3780 && in.res_y == 3780,
          "pHYs %u x %u unit %d, want 3780 per metre", (unsigned)in.res_x, (unsigned)in.res_y,
          in.unit);
    CHECK(in.w == 40 && in.h == 10, "size %ux%u, want 40x10", (unsigned)in.w, (unsigned)in.h);
    unsigned w = 0, h = 0;
    unsigned char *px = tu_read_rgba(path, &w, &h);
    CHECK(px && w == 40 && h == 10, "cannot read %s back", path);
    if (!px)
        return;
    /* every pixel: straight colour within half a unit of premultiplied x 255 / alpha */
    int bad = 0;
    for (int i = 0; pre && i < 400 && bad < 3; i++) {
        uint32_t v;
        memcpy(&v, pre + 4 * i, 4); /* native-endian ARGB32 */
        unsigned a = v >> 24, c[3] = {(v >> 16) & 255, (v >> 8) & 255, v & 255};
        const unsigned char *q = px + 4 * i;
        if (q[3] != a) {
            CHECK(0, "pixel %d: alpha %d, want %u", i, q[3], a);
            bad++;
            continue;
        }
        for (int k = 0; k < 3 && a; k++) {
            double want = c[k] * 255.0 / a;
            if (fabs(q[k] - want) > 0.5 + 1e-9) {
                CHECK(0, "pixel %d channel %d: %d, want %.2f (premultiplied %u, alpha %u)", i, k,
                      q[k], want, c[k], a);
                bad++;
            }
        }
    }
    free(pre);
    const unsigned char *p0 = px + 4 * (5 * 40 + 5), *p1 = px + 4 * (5 * 40 + 15),
                        *p2 = px + 4 * (5 * 40 + 25), *p3 = px + 4 * (5 * 40 + 35);
    CHECK(p0[3] == 0, "transparent pixel has alpha %d", p0[3]);
    CHECK(near(p1[0], 51, 2) && near(p1[1], 153, 2) && near(p1[2], 204, 2) && near(p1[3], 128, 1),
          "half-transparent pixel %d,%d,%d,%d, want about 51,153,204,128", p1[0], p1[1], p1[2],
          p1[3]);
    CHECK(near(p2[0], 255, 3) && near(p2[1], 153, 4) && near(p2[2], 0, 2) && near(p2[3], 64, 1),
          "quarter-alpha pixel %d,%d,%d,%d, want about 255,153,0,64", p2[0], p2[1], p2[2], p2[3]);
    CHECK(near(p3[0], 204, 1) && near(p3[1], 26, 1) && near(p3[2], 26, 1) && p3[3] == 255,
          "opaque pixel %d,%d,%d,%d, want 204,26,26,255", p3[0], p3[1], p3[2], p3[3]);
    free(px);
}

/* Every pixel opaque: RGB, the same colours; the resolution in pixels per
 * metre; ASCII text in tEXt, UTF-8 in iTXt, empty values left out and
 * control characters cleaned. */
static void opaque_and_text(im_context *ctx)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 7, 5);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.0, 0.447, 0.698);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.835, 0.369, 0.0);
    cairo_rectangle(cr, 4, 0, 3, 5);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0); /* opaque black is 0xFF000000: still opaque */
    cairo_rectangle(cr, 0, 4, 1, 1);
    cairo_fill(cr);
    cairo_destroy(cr);
    const im_png_text text[] = {{"Title", "Incidents \xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa7\xd9\x82"},
                                {"Software", "incmap"},
                                {"Comment", ""},
                                {"Source", "line one\x01 two"}};
    const char *path = tmp_path("opaque.png");
    im_status st = write_surface(ctx, s, path, 300, 99, false, text, 4);
    cairo_surface_destroy(s);
    CHECK(st == IM_OK, "im_png_write: %s", im_context_last_error(ctx));
    info in = read_info(path);
    CHECK(in.ok && in.color_type == PNG_COLOR_TYPE_RGB,
          "opaque map written as colour type %d, want RGB (2)", in.color_type);
    /* 300 dpi = 11811 pixels per metre */
    CHECK(in.unit == PNG_RESOLUTION_METER && in.res_x == 11811 && in.res_y == 11811,
          "pHYs %u x %u unit %d, want 11811 per metre", (unsigned)in.res_x, (unsigned)in.res_y,
          in.unit);
    CHECK(in.n_text == 3, "%d text chunks, want 3 (the empty Comment left out)", in.n_text);
    int seen_title = 0, seen_soft = 0, seen_src = 0;
    for (int i = 0; i < in.n_text && i < 8; i++) {
        if (!strcmp(in.keys[i], "Title")) {
            seen_title = 1;
            CHECK(in.compression[i] == PNG_ITXT_COMPRESSION_NONE,
                  "UTF-8 title in compression %d, want iTXt", in.compression[i]);
            CHECK(!strcmp(in.values[i], text[0].value), "title read back as '%s'", in.values[i]);
        } else if (!strcmp(in.keys[i], "Software")) {
            seen_soft = 1;
            CHECK(in.compression[i] == PNG_TEXT_COMPRESSION_NONE,
                  "ASCII text in compression %d, want tEXt", in.compression[i]);
            CHECK(!strcmp(in.values[i], "incmap"), "Software read back as '%s'", in.values[i]);
        } else if (!strcmp(in.keys[i], "Source")) {
            seen_src = 1;
            CHECK(!strchr(in.values[i], '\x01'), "a control character kept in '%s'", in.values[i]);
            CHECK(strstr(in.values[i], "line one") && strstr(in.values[i], "two"),
                  "Source read back as '%s'", in.values[i]);
        }
    }
    CHECK(seen_title && seen_soft && seen_src, "text chunks missing: Title %d Software %d Source %d",
          seen_title, seen_soft, seen_src);
    unsigned w = 0, h = 0;
    unsigned char *px = tu_read_rgba(path, &w, &h);
    CHECK(px && w == 7 && h == 5, "cannot read %s back", path);
    if (px) {
        const unsigned char *a = px + 4 * (2 * 7 + 1), *b = px + 4 * (2 * 7 + 5);
        CHECK(a[0] == 0 && a[1] == 114 && a[2] == 178, "blue pixel %d,%d,%d, want 0,114,178",
              a[0], a[1], a[2]);
        CHECK(b[0] == 213 && b[1] == 94 && b[2] == 0, "orange pixel %d,%d,%d, want 213,94,0",
              b[0], b[1], b[2]);
        free(px);
    }
}

/* A surface that is not ARGB32 is refused with a message. */
static void wrong_format(im_context *ctx)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
    im_status st = write_surface(ctx, s, tmp_path("a8.png"), 96, 6, false, NULL, 0);
    cairo_surface_destroy(s);
    CHECK(st == IM_ERR_INTERNAL && strstr(im_context_last_error(ctx), "ARGB32"),
          "an A8 surface gave %d '%s'", st, im_context_last_error(ctx));
}

/* Writing into a full device says why. */
static void full_disk(im_context *ctx)
{
    FILE *fp = fopen("/dev/full", "wb");
    if (!fp)
        return;
    setvbuf(fp, NULL, _IONBF, 0);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
    im_context_clear_error(ctx);
    im_status st = im_png_write(ctx, s, fp, 96, 6, false, NULL, 0);
    cairo_surface_destroy(s);
    fclose(fp);
    CHECK(st == IM_ERR_IO_WRITE && strstr(im_context_last_error(ctx), "cannot write"),
          "writing to /dev/full gave %d '%s'", st, im_context_last_error(ctx));
}

/* Writes a PNG with libpng directly: colour type ct, depth bd, w x h, rows
 * filled by fill(x, y, out). */
static void write_raw(const char *path, int ct, int bd, unsigned w, unsigned h)
{
    FILE *fp = fopen(path, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop inf = png_create_info_struct(png);
    png_init_io(png, fp);
    png_set_IHDR(png, inf, w, h, bd, ct, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (ct == PNG_COLOR_TYPE_PALETTE) {
        png_color pal[2] = {{0, 0, 0}, {255, 255, 255}};
        png_set_PLTE(png, inf, pal, 2);
    }
    png_write_info(png, inf);
    unsigned char row[64 * 8];
    int chans = ct == PNG_COLOR_TYPE_RGB ? 3 : ct == PNG_COLOR_TYPE_RGB_ALPHA ? 4
              : ct == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
    for (unsigned y = 0; y < h; y++) {
        memset(row, 0, sizeof row);
        for (unsigned x = 0; x < w; x++) {
            int on = x >= w / 2; /* right half white, left half black */
            if (bd == 1) {
                if (on)
                    row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
            } else if (bd == 16) {
                memset(row + 2 * x, on ? 0xff : 0, 2);
            } else {
                for (int c = 0; c < chans; c++)
                    row[x * chans + c] = (unsigned char)(on || c == 3 || (c == 1 && ct == PNG_COLOR_TYPE_GRAY_ALPHA) ? 255 : 0);
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, inf);
    png_destroy_write_struct(&png, &inf);
    fclose(fp);
}

static void read_gray(im_context *ctx)
{
    struct { const char *name; int ct, bd; } kinds[] = {
        {"gray8.png", PNG_COLOR_TYPE_GRAY, 8},     {"gray1.png", PNG_COLOR_TYPE_GRAY, 1},
        {"gray16.png", PNG_COLOR_TYPE_GRAY, 16},   {"pal1.png", PNG_COLOR_TYPE_PALETTE, 1},
        {"rgb.png", PNG_COLOR_TYPE_RGB, 8},        {"rgba.png", PNG_COLOR_TYPE_RGB_ALPHA, 8},
        {"graya.png", PNG_COLOR_TYPE_GRAY_ALPHA, 8},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const char *path = tmp_path(kinds[k].name);
        write_raw(path, kinds[k].ct, kinds[k].bd, 16, 3);
        unsigned char *px = NULL;
        uint32_t w = 0, h = 0;
        im_context_clear_error(ctx);
        im_status st = im_png_read_gray(ctx, path, &px, &w, &h);
        CHECK(st == IM_OK && px && w == 16 && h == 3, "%s: status %d %ux%u '%s'", kinds[k].name,
              st, (unsigned)w, (unsigned)h, im_context_last_error(ctx));
        if (st == IM_OK && px) {
            int good = 1;
            for (uint32_t y = 0; y < h; y++)
                for (uint32_t x = 0; x < w; x++)
                    if (px[y * w + x] != (x >= 8 ? 255 : 0))
                        good = 0;
            CHECK(good, "%s: grey values not black left, white right (%d %d)", kinds[k].name,
                  px[0], px[15]);
        }
        free(px);
    }
    /* not a PNG; a missing file; a truncated one */
    const char *junk = tmp_path("junk.png");
    FILE *fp = fopen(junk, "wb");
    fputs("GIF89a not a png at all", fp);
    fclose(fp);
    unsigned char *px = (unsigned char *)1;
    uint32_t w = 0, h = 0;
    im_context_clear_error(ctx);
    im_status st = im_png_read_gray(ctx, junk, &px, &w, &h);
    CHECK(st == IM_ERR_BASEMAP && px == NULL && strstr(im_context_last_error(ctx), "not a PNG"),
          "a GIF read as %d '%s'", st, im_context_last_error(ctx));
    im_context_clear_error(ctx);
    st = im_png_read_gray(ctx, tmp_path("missing.png"), &px, &w, &h);
    CHECK(st == IM_ERR_BASEMAP && strstr(im_context_last_error(ctx), "cannot open"),
          "a missing file read as %d '%s'", st, im_context_last_error(ctx));
    const char *whole = tmp_path("gray8.png"), *cut = tmp_path("cut.png");
    FILE *in = fopen(whole, "rb"), *out = fopen(cut, "wb");
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, in);
    fwrite(buf, 1, n > 40 ? 40 : n, out);
    fclose(in);
    fclose(out);
    im_context_clear_error(ctx);
    st = im_png_read_gray(ctx, cut, &px, &w, &h);
    CHECK(st == IM_ERR_BASEMAP && px == NULL && strstr(im_context_last_error(ctx), "invalid PNG"),
          "a PNG cut after 40 bytes read as %d '%s'", st, im_context_last_error(ctx));
    /* over the pixel limit: refused before the pixels are read */
    write_raw(tmp_path("big.png"), PNG_COLOR_TYPE_GRAY, 8, 64, 64);
    im_limits lim;
    im_context_get_limits(ctx, &lim);
    im_limits small = lim;
    small.max_image_pixels = 64 * 63;
    CHECK(im_context_set_limits(ctx, &small) == IM_OK, "limits refused");
    im_context_clear_error(ctx);
    st = im_png_read_gray(ctx, tmp_path("big.png"), &px, &w, &h);
    CHECK(st == IM_ERR_LIMIT && px == NULL && strstr(im_context_last_error(ctx), "64x64"),
          "a PNG over the pixel limit read as %d '%s'", st, im_context_last_error(ctx));
    small.max_image_pixels = 64 * 64;
    CHECK(im_context_set_limits(ctx, &small) == IM_OK, "limits refused");
    im_context_clear_error(ctx);
    st = im_png_read_gray(ctx, tmp_path("big.png"), &px, &w, &h);
    CHECK(st == IM_OK, "a PNG at the pixel limit read as %d '%s'", st, im_context_last_error(ctx));
    free(px);
    CHECK(im_context_set_limits(ctx, &lim) == IM_OK, "limits refused");
}

/* A file's bytes (NULL when unreadable); *n its length. */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *b = NULL;
    *n = 0;
    if (fp && fseek(fp, 0, SEEK_END) == 0) {
        long len = ftell(fp);
        rewind(fp);
        if (len > 0 && (b = malloc((size_t)len)) && fread(b, 1, (size_t)len, fp) != (size_t)len) {
            free(b);
            b = NULL;
        }
        *n = b ? (size_t)len : 0;
    }
    if (fp)
        fclose(fp);
    return b;
}

/* Images big enough to be deflated in several pieces (png_deflate.c: 1 MB
 * of filtered bytes each), with widths whose rows the cuts fall inside,
 * opaque (RGB) and translucent (RGBA): every pixel read back by libpng
 * (which checks the stream's Adler-32), and the file the same, byte for
 * byte, on one thread and on four. Pixels vary so that deflate finds
 * little to repeat and the pieces are really cut where the data is. Each
 * unfiltered and with the Up filter (smooth: every row made with the one
 * above it, across the cuts too). */
static void pieces(im_context *ctx)
{
    const struct {
        int w, h;
        bool opaque;
    } cases[] = {{1013, 1200, true}, {777, 900, false}, {2000, 1, true}, {1, 1500, false}};
    for (size_t c = 0; c < 2 * sizeof cases / sizeof cases[0]; c++) {
        bool smooth = c % 2;
        int w = cases[c / 2].w, h = cases[c / 2].h;
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        unsigned char *d = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        uint32_t seed = 12345u + (uint32_t)c;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                seed = seed * 1664525u + 1013904223u;
                unsigned a = cases[c / 2].opaque ? 255 : (seed >> 24) | 1; /* never 0 */
                unsigned r = ((seed >> 16) & 255) * a / 255, g = ((unsigned)(x + y) & 255) * a / 255,
                         b = ((unsigned)y & 255) * a / 255;
                ((uint32_t *)(d + (size_t)y * stride))[x] = a << 24 | r << 16 | g << 8 | b;
            }
        cairo_surface_mark_dirty(s);
        char name[2][64];
        unsigned char *bytes[2] = {NULL, NULL};
        size_t len[2] = {0, 0};
        const char *threads[2] = {"1", "4"};
        for (int t = 0; t < 2; t++) {
            snprintf(name[t], sizeof name[t], "pieces-%zu-t%s.png", c, threads[t]);
            setenv("INCMAP_THREADS", threads[t], 1);
            im_status st = write_surface(ctx, s, tmp_path(name[t]), 72, 6, smooth, NULL, 0);
            CHECK(st == IM_OK, "%dx%d: im_png_write: %s", w, h, im_context_last_error(ctx));
            bytes[t] = slurp(tmp_path(name[t]), &len[t]);
        }
        unsetenv("INCMAP_THREADS");
        CHECK(bytes[0] && bytes[1] && len[0] == len[1] && !memcmp(bytes[0], bytes[1], len[0]),
              "%dx%d: one thread wrote %zu bytes, four %zu, not the same file", w, h, len[0], len[1]);
        info in = read_info(tmp_path(name[1]));
        CHECK(in.ok && in.color_type == (cases[c / 2].opaque ? PNG_COLOR_TYPE_RGB
                                                         : PNG_COLOR_TYPE_RGB_ALPHA),
              "%dx%d: colour type %d", w, h, in.color_type);
        unsigned rw = 0, rh = 0;
        unsigned char *px = tu_read_rgba(tmp_path(name[1]), &rw, &rh);
        CHECK(px && (int)rw == w && (int)rh == h, "%dx%d: not read back (%ux%u)", w, h, rw, rh);
        long bad = 0, first = -1;
        for (int y = 0; px && y < h; y++)
            for (int x = 0; x < w; x++) {
                uint32_t p = ((const uint32_t *)(d + (size_t)y * stride))[x];
                unsigned a = p >> 24, ch[3] = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
                const unsigned char *q = px + ((size_t)y * w + x) * 4;
                bool ok = q[3] == a;
                for (int k = 0; k < 3; k++) /* straight colour: premultiplied * 255 / alpha */
                    ok = ok && q[k] == (a == 255 ? ch[k] : (ch[k] * 255 + a / 2) / a);
                if (!ok && bad++ == 0)
                    first = (long)y * w + x;
            }
        CHECK(bad == 0, "%dx%d%s: %ld pixels differ, the first at %ld", w, h,
              smooth ? " (Up)" : "", bad, first);
        free(px);
        free(bytes[0]);
        free(bytes[1]);
        cairo_surface_destroy(s);
    }
}

/* A smooth image (a relief's shading: colour changing a little from row to
 * row) is written with the Up filter when asked: much smaller than
 * unfiltered, where each row is new to deflate. */
static void up_smaller(im_context *ctx)
{
    int w = 600, h = 400;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned v = (unsigned)((x * 7 + y * 3) % 251), a = 96 + (unsigned)(y % 64);
            ((uint32_t *)(d + (size_t)y * stride))[x] =
                a << 24 | (v * a / 255) << 16 | ((255 - v) * a / 255) << 8 | (y % 200) * a / 255;
        }
    cairo_surface_mark_dirty(s);
    size_t len[2] = {0, 0};
    for (int up = 0; up < 2; up++) {
        const char *path = tmp_path(up ? "smooth-up.png" : "smooth-none.png");
        CHECK(write_surface(ctx, s, path, 72, 6, up, NULL, 0) == IM_OK, "smooth image: %s",
              im_context_last_error(ctx));
        free(slurp(path, &len[up]));
    }
    CHECK(len[1] > 0 && len[1] * 10 < len[0] * 8,
          "the Up filter wrote %zu bytes, unfiltered %zu: not a fifth smaller", len[1], len[0]);
    cairo_surface_destroy(s);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_png TESTS_DATA_DIR TMP_DIR [SOURCE_DIR]\n");
        return 2;
    }
    snprintf(g_tmp, sizeof g_tmp, "%s", argv[2]);
    im_context *ctx = im_context_new();
    translucent(ctx);
    opaque_and_text(ctx);
    wrong_format(ctx);
    full_disk(ctx);
    read_gray(ctx);
    pieces(ctx);
    up_smaller(ctx);
    im_context_free(ctx);
    return check_result("png");
}
