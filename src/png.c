/* png.c - PNG through libpng. libpng reports errors by longjmp; that is
 * kept inside this file and turned into status codes. */
#include "im_private.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct png_err {
    im_context *ctx;
    char msg[256];
    int errnum;    /* errno when the error was raised (a failed write) */
    bool nomem;    /* raised for want of memory */
} png_err;

static void on_error(png_structp png, png_const_charp msg)
{
    png_err *e = png_get_error_ptr(png);
    e->errnum = errno;
    snprintf(e->msg, sizeof e->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    png_err *e = png_get_error_ptr(png);
    if (e->ctx) /* none on a helper thread (im_png_read_gray_quiet) */
        im_log(e->ctx, IM_LOG_DEBUG, "libpng: %s", msg);
}

static bool is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

static void free_texts(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* The image as PNG's filtered bytes (each row: filter type 0, then RGB or
 * straight RGBA), made a range at a time for png_deflate.c. */
typedef struct image_rows {
    const unsigned char *data; /* Cairo's premultiplied ARGB32 */
    int w, stride;
    bool opaque;
    bool up; /* rows filtered with Up (each byte less the one above it) */
} image_rows;

static void row_bytes(const image_rows *im, int y, unsigned char *row)
{
    const uint32_t *src = (const uint32_t *)(im->data + (size_t)y * im->stride);
    *row++ = 0; /* no filter */
    for (int x = 0; x < im->w; x++) {
        uint32_t p = src[x];
        unsigned a = p >> 24, r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
        if (im->opaque) {
            row[3 * x] = (unsigned char)r;
            row[3 * x + 1] = (unsigned char)g;
            row[3 * x + 2] = (unsigned char)b;
            continue;
        }
        if (a != 0 && a != 255) { /* un-premultiply, rounded */
            r = (r * 255 + a / 2) / a;
            g = (g * 255 + a / 2) / a;
            b = (b * 255 + a / 2) / a;
        }
        row[4 * x] = (unsigned char)r;
        row[4 * x + 1] = (unsigned char)g;
        row[4 * x + 2] = (unsigned char)b;
        row[4 * x + 3] = (unsigned char)a;
    }
}

/* Row y filtered with Up: its bytes less row y - 1's (zero above the
 * first), made from the pixels of both rows. above: room for a row. */
static void row_up(const image_rows *im, int y, unsigned char *row, unsigned char *above)
{
    image_rows plain = *im;
    plain.up = false;
    row_bytes(&plain, y, row);
    row[0] = 2; /* Up */
    if (y == 0)
        return;
    row_bytes(&plain, y - 1, above);
    size_t n = (size_t)im->w * (im->opaque ? 3 : 4);
    for (size_t i = 1; i <= n; i++)
        row[i] = (unsigned char)(row[i] - above[i]);
}

static bool fill_rows(void *arg, size_t off, size_t len, unsigned char *dst)
{
    const image_rows *im = arg;
    size_t rb = 1 + (size_t)im->w * (im->opaque ? 3 : 4);
    unsigned char *tmp = NULL, *above = NULL;
    if (im->up && !(above = malloc(rb)))
        return false;
    while (len) {
        int y = (int)(off / rb);
        size_t in = off % rb, take = rb - in < len ? rb - in : len;
        unsigned char *out = dst; /* a whole row: straight into place */
        if (in != 0 || take != rb) {
            if (!tmp && !(tmp = malloc(rb))) {
                free(above);
                return false;
            }
            out = tmp;
        }
        if (im->up)
            row_up(im, y, out, above);
        else
            row_bytes(im, y, out);
        if (out == tmp)
            memcpy(dst, tmp + in, take);
        dst += take;
        off += take;
        len -= take;
    }
    free(tmp);
    free(above);
    return true;
}

/* Images whose filtered bytes are bigger than this are deflated by libpng
 * row by row, as they come (in pieces, the deflated data is held whole
 * before it is written). */
#define PIECES_MAX_BYTES ((size_t)256 << 20)
#define IDAT_MAX ((size_t)1 << 20)

im_status im_png_write(im_context *ctx, cairo_surface_t *surface, FILE *fp, double dpi,
                       int level, bool smooth, const im_png_text *text, size_t n_text)
{
    cairo_surface_flush(surface);
    if (cairo_image_surface_get_format(surface) != CAIRO_FORMAT_ARGB32)
        return im_fail(ctx, IM_ERR_INTERNAL, "PNG: the surface is not ARGB32");
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *data = cairo_image_surface_get_data(surface);
    png_err err = {ctx, {0}, 0, false};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)w * 4 + 1); /* a filtered row: its filter byte first */
    png_textp chunks = calloc(n_text ? n_text : 1, sizeof *chunks);
    /* Text chunks carry input (a title, a basemap's attribution): each
     * value goes through im_text_clean(), so it is valid UTF-8 without
     * control characters, as iTXt requires and a viewer can show. */
    char **clean = calloc(n_text ? n_text : 1, sizeof *clean);
    bool clean_ok = clean != NULL;
    for (size_t i = 0; clean && i < n_text; i++)
        if (text[i].value && *text[i].value && !(clean[i] = im_text_clean(text[i].value)))
            clean_ok = false;
    if (!png || !info || !row || !chunks || !clean_ok) {
        png_destroy_write_struct(&png, &info);
        free(row);
        free(chunks);
        free_texts(clean, n_text);
        return im_fail(ctx, IM_ERR_NOMEM, "PNG: out of memory");
    }
    /* volatile: modified between setjmp and a possible longjmp */
    unsigned char *volatile vrow = row;
    png_textp volatile vchunks = chunks;
    char **volatile vclean = clean;
    unsigned char *volatile vz = NULL; /* the deflated image data */
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(vrow);
        free(vchunks);
        free_texts(vclean, n_text);
        free(vz);
        if (ferror(fp)) /* the disk, not the encoder: say why */
            return im_fail(ctx, IM_ERR_IO_WRITE, "PNG: cannot write: %s",
                           strerror(err.errnum ? err.errnum : EIO));
        if (err.nomem)
            return im_fail(ctx, IM_ERR_NOMEM, "PNG: out of memory");
        return im_fail(ctx, IM_ERR_ENCODE, "PNG: %s", err.msg);
    }
    png_init_io(png, fp);
    int zlevel = level < 0 ? 6 : level > 9 ? 9 : level;
    png_set_compression_level(png, zlevel);
    /* Maps are mostly flat colour: unfiltered rows deflate both faster and
     * smaller than libpng's adaptive filtering (measured: 12-25% smaller,
     * 10-20% faster on the sample and on 100,000 markers). A smooth image
     * (the shaded relief an SVG embeds) is the other way round: Up. */
    png_set_filter(png, 0, smooth ? PNG_FILTER_UP : PNG_FILTER_NONE);
    /* An opaque map (every map with a background) is written as RGB: a
     * quarter fewer bytes to filter and deflate; measured on maps
     * (tests/bench/png_settings.c, level 6, no filter): 5-6% smaller files
     * and about a quarter less encoding time than RGBA. */
    bool opaque = true;
    for (int y = 0; y < h && opaque; y++) {
        const uint32_t *src = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++)
            if (src[x] < 0xFF000000u) {
                opaque = false;
                break;
            }
    }
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    size_t nt = 0;
    for (size_t i = 0; i < n_text; i++) {
        if (!clean[i] || !*clean[i])
            continue;
        chunks[nt].key = (png_charp)text[i].key;
        chunks[nt].text = clean[i];
        /* tEXt is Latin-1 only; UTF-8 text (Arabic titles) goes in iTXt. */
        chunks[nt].compression =
            is_ascii(clean[i]) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE;
        nt++;
    }
    if (nt)
        png_set_text(png, info, chunks, (int)nt);
    png_write_info(png, info);
    image_rows im = {data, w, stride, opaque, smooth};
    size_t rb = 1 + (size_t)w * (opaque ? 3 : 4), raw = rb * (size_t)h;
    if (raw <= PIECES_MAX_BYTES) {
        /* deflated on the cores (png_deflate.c), written as IDAT chunks,
         * then IEND (png_write_end would insist on its own IDATs) */
        unsigned char *z = NULL;
        size_t zn = 0;
        im_status zst = im_png_deflate(fill_rows, &im, raw, zlevel, &z, &zn);
        vz = z;
        if (zst != IM_OK) {
            err.nomem = zst == IM_ERR_NOMEM;
            png_error(png, "zlib failed to deflate the image");
        }
        for (size_t k = 0; k < zn; k += IDAT_MAX)
            png_write_chunk(png, (png_const_bytep) "IDAT", z + k,
                            zn - k < IDAT_MAX ? zn - k : IDAT_MAX);
        png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
        free(z);
        vz = NULL;
    } else {
        im.up = false;   /* libpng filters the rows itself, */
        for (int y = 0; y < h; y++) { /* and adds the filter byte */
            row_bytes(&im, y, row);
            png_write_row(png, row + 1);
        }
        png_write_end(png, info);
    }
    png_destroy_write_struct(&png, &info);
    free(row);
    free(chunks);
    free_texts(clean, n_text);
    return IM_OK;
}

/* im_png_read_gray without a context: limits from lim, log messages
 * dropped, and on failure what went wrong (after the path) in why. */
static im_status read_gray(im_context *ctx, const im_limits *lim, const char *path,
                           unsigned char **pixels, uint32_t *width, uint32_t *height, char *why,
                           size_t why_size)
{
    *pixels = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(why, why_size, "cannot open");
        return IM_ERR_BASEMAP;
    }
    unsigned char sig[8];
    if (fread(sig, 1, 8, fp) != 8 || png_sig_cmp(sig, 0, 8)) {
        fclose(fp);
        snprintf(why, why_size, "not a PNG file");
        return IM_ERR_BASEMAP;
    }
    png_err err = {ctx, {0}, 0, false};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        snprintf(why, why_size, "out of memory");
        return IM_ERR_NOMEM;
    }
    unsigned char *volatile buf = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        free(buf);
        snprintf(why, why_size, "invalid PNG: %s", err.msg);
        return IM_ERR_BASEMAP;
    }
    /* Limits before any large allocation: libpng checks them while reading
     * the header, so a hostile file cannot ask for gigabytes. */
    png_set_user_limits(png, lim->max_image_side, lim->max_image_side);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_init_io(png, fp);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    png_uint_32 w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    if ((uint64_t)w * h > lim->max_image_pixels) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        snprintf(why, why_size, "%ux%u pixels is over the limit", (unsigned)w, (unsigned)h);
        return IM_ERR_LIMIT;
    }
    int ct = png_get_color_type(png, info);
    if (png_get_bit_depth(png, info) == 16)
        png_set_strip_16(png);
    if (ct == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (ct == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (ct & PNG_COLOR_MASK_ALPHA)
        png_set_strip_alpha(png);
    if (ct == PNG_COLOR_TYPE_RGB || ct == PNG_COLOR_TYPE_RGB_ALPHA || ct == PNG_COLOR_TYPE_PALETTE)
        png_set_rgb_to_gray_fixed(png, 1, -1, -1);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != w) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        snprintf(why, why_size, "unsupported PNG layout");
        return IM_ERR_BASEMAP;
    }
    buf = im_malloc_array((size_t)w, (size_t)h);
    if (!buf) {
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        snprintf(why, why_size, "out of memory");
        return IM_ERR_NOMEM;
    }
    for (png_uint_32 y = 0; y < h; y++)
        png_read_row(png, buf + (size_t)y * w, NULL);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    *pixels = buf;
    *width = w;
    *height = h;
    return IM_OK;
}

im_status im_png_read_gray(im_context *ctx, const char *path, unsigned char **pixels,
                           uint32_t *width, uint32_t *height)
{
    char why[320];
    im_status st = read_gray(ctx, &ctx->limits, path, pixels, width, height, why, sizeof why);
    return st == IM_OK ? IM_OK : im_fail(ctx, st, "%s: %s", path, why);
}

im_status im_png_read_gray_quiet(const im_limits *lim, const char *path, unsigned char **pixels,
                                 uint32_t *width, uint32_t *height)
{
    char why[320];
    return read_gray(NULL, lim, path, pixels, width, height, why, sizeof why);
}
