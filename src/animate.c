/* animate.c - the time-lapse: an animated WebP (libwebpmux's
 * WebPAnimEncoder), one frame per day, week or month, each showing the
 * incidents up to the end of its period, those of the period emphasised,
 * with a date stamp and the running count. The map is rendered once, with
 * every selected incident placed and counted in the legend, but without
 * markers; each frame is that picture plus the markers so far at their
 * final positions, so nothing moves between frames. Optionally every frame
 * is also written as a numbered PNG whose text chunks name its period. */
#include "im_private.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <webp/encode.h>
#include <webp/mux.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define MAX_FRAMES 1000          /* a longer animation wants a coarser step */
#define DEFAULT_FRAME_MS 400

static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The period an instant falls in, as a number that grows by one per
 * period: days since 1970, Monday-based weeks, or months since year 0. */
static int64_t period_of(int step, int64_t t)
{
    int64_t day = floor_div(t, 86400);
    if (step == IM_ANIMATE_DAY)
        return day;
    if (step == IM_ANIMATE_WEEK)
        return floor_div(day + 3, 7); /* 1970-01-01 was a Thursday */
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    return (int64_t)y * 12 + (m - 1);
}

/* The first and last instant of a period. */
static void period_span(int step, int64_t k, int64_t *a, int64_t *b)
{
    if (step == IM_ANIMATE_DAY) {
        *a = k * 86400;
        *b = *a + 86399;
    } else if (step == IM_ANIMATE_WEEK) {
        *a = (k * 7 - 3) * 86400;
        *b = *a + 7 * 86400 - 1;
    } else {
        int y = (int)floor_div(k, 12), m = (int)(k - (int64_t)y * 12) + 1;
        *a = im_date_make(y, m, 1);
        *b = (m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1)) - 1;
    }
}

/* "2021-07-08", "2021-07-05 to 2021-07-11", "2021-07". */
static void period_label(int step, int64_t a, int64_t b, char *buf, size_t size)
{
    char x[16], y[16];
    im_date_format(a, x, sizeof x);
    im_date_format(b, y, sizeof y);
    if (step == IM_ANIMATE_DAY)
        snprintf(buf, size, "%s", x);
    else if (step == IM_ANIMATE_WEEK)
        snprintf(buf, size, "%s to %s", x, y);
    else
        snprintf(buf, size, "%.7s", x);
}

/* The stamp's two lines: the period, and the running count. */
static im_text_style stamp_style(const im_style *st, int line)
{
    im_text_style ts = {NULL, line == 0 ? st->subtitle_size * 1.15 : st->body_size, line == 0,
                        false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0}, 0};
    return ts;
}

static double overlap(im_box a, im_box b)
{
    double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* Where the stamp goes, the same in every frame: of the top and bottom
 * centres and corners of the frame, the place that covers least of what
 * the layout placed (markers count tenfold, then furniture and labels). */
static void stamp_place(const im_capture *cap, const im_layout_report *rep, cairo_t *cr,
                        const im_view *v, const im_style *st, const char *widest1,
                        const char *widest2, double *x, double *y)
{
    double w1 = 0, h1 = 0, w2 = 0, h2 = 0, pt = v->pt, pad = 5 * pt, gap = 6 * pt;
    im_text_style big = stamp_style(st, 0), small = stamp_style(st, 1);
    im_text_measure(cr, v, st, &big, widest1, &w1, &h1);
    im_text_measure(cr, v, st, &small, widest2, &w2, &h2);
    double w = fmax(w1, w2) + 2 * pad, h = h1 + h2 + 2 * pad;
    const double cx[3] = {0.5, 0, 1}, cy[2] = {0, 1};
    double best = INFINITY;
    for (int j = 0; j < 2; j++)
        for (int i = 0; i < 3; i++) {
            double bx = v->fx + gap + (v->fw - w - 2 * gap) * cx[i];
            double by = v->fy + gap + (v->fh - h - 2 * gap) * cy[j];
            im_box b = {bx, by, bx + w, by + h};
            double cost = 0;
            for (size_t k = 0; k < cap->n; k++) {
                const im_placed *p = &cap->pts[k];
                double px = isnan(p->x) ? p->sx : p->x, py = isnan(p->x) ? p->sy : p->y;
                double r = fmax(st->marker_size * pt, p->size / 2);
                cost += 10 * overlap(b, (im_box){px - r, py - r, px + r, py + r});
            }
            for (size_t k = 0; k < rep->n; k++)
                cost += overlap(b, rep->boxes[k]);
            if (cost < best) {
                best = cost;
                *x = bx;
                *y = by;
            }
        }
}

/* The date stamp: a white box at (x, y). */
static void draw_stamp(im_scene *sc, const char *line1, const char *line2, double x, double y)
{
    const im_view *v = sc->view;
    double pt = v->pt;
    im_text_style ts_big = stamp_style(sc->st, 0), ts_small = stamp_style(sc->st, 1);
    const im_text_style *big = &ts_big, *small = &ts_small;
    double w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    im_text_measure(sc->cr, v, sc->st, big, line1, &w1, &h1);
    im_text_measure(sc->cr, v, sc->st, small, line2, &w2, &h2);
    double pad = 5 * pt, w = fmax(w1, w2) + 2 * pad, h = h1 + h2 + 2 * pad;
    cairo_rectangle(sc->cr, x, y, w, h);
    cairo_set_source_rgba(sc->cr, 1, 1, 1, 0.88);
    cairo_fill_preserve(sc->cr);
    cairo_set_source_rgba(sc->cr, 0.3, 0.3, 0.3, 0.8);
    cairo_set_line_width(sc->cr, 0.6 * pt);
    cairo_stroke(sc->cr);
    im_text_draw(sc->cr, v, sc->st, big, line1, x + (w - w1) / 2, y + pad);
    im_text_draw(sc->cr, v, sc->st, small, line2, x + (w - w2) / 2, y + pad + h1);
}

/* A ring around each incident of the current period (a cluster's ring when
 * it stands in one), drawn over the markers. */
static void draw_emphasis(im_scene *sc, const im_capture *cap, int64_t a, int64_t b)
{
    double pt = sc->view->pt, r = sc->st->marker_size * pt * 0.95;
    cairo_t *cr = sc->cr;
    cairo_set_source_rgba(cr, 0.8, 0.05, 0.05, 0.95);
    cairo_set_line_width(cr, 1.4 * pt);
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (p->time < a || p->time > b)
            continue;
        double x = p->x, y = p->y, rr = fmax(r, p->size / 2 + 1.2 * pt);
        if (isnan(x)) {
            for (size_t c = 0; c < sc->n_clusters; c++)
                if (sc->clusters[c].sx == p->sx && sc->clusters[c].sy == p->sy) {
                    x = sc->clusters[c].x, y = sc->clusters[c].y;
                    rr = im_cluster_radius(sc, sc->clusters[c].n) + 1.2 * pt;
                }
            if (isnan(x))
                continue;
        }
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, rr, 0, 2 * M_PI);
        cairo_stroke(cr);
    }
    (void)cap;
}

/* The uncertainty rings of the incidents shown up to instant b, under the
 * markers, as the static map draws them (once where markers share a ring). */
static void draw_rings(cairo_t *cr, const im_style *st, const im_capture *cap, int64_t b)
{
    if (!cap->ring_at)
        return;
    const double *last = NULL;
    for (size_t i = 0; i < cap->n; i++) {
        if (cap->pts[i].time > b || cap->ring_at[i] == SIZE_MAX)
            continue;
        const double *xy = cap->ring_xy + 2 * IM_RING_N * cap->ring_at[i];
        if (last && memcmp(last, xy, 2 * IM_RING_N * sizeof *xy) == 0)
            continue;
        last = xy;
        im_ring_paint(cr, cap->pt, st->weapons[cap->pts[i].weapon].color, xy, xy + 1, 2);
    }
}

/* One frame: the map, the markers up to instant b (those from a on
 * emphasised), the stamp. pts and clusters are scratch arrays as long as
 * cap's. Returns the incidents drawn. */
static size_t draw_frame(im_context *ctx, const im_render_options *o, const im_incidents *set,
                         const im_capture *cap, cairo_surface_t *frame, im_placed *pts,
                         im_cluster *clusters, int step, int64_t a, int64_t b, double stamp_x,
                         double stamp_y)
{
    im_view view;
    memset(&view, 0, sizeof view);
    view.pt = cap->pt;
    view.fx = cap->fx, view.fy = cap->fy, view.fw = cap->fw, view.fh = cap->fh;
    cairo_t *cr = cairo_create(frame);
    cairo_set_source_surface(cr, cap->image, 0, 0);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);

    im_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.ctx = ctx;
    sc.st = &ctx->style;
    sc.view = &view;
    sc.opts = o;
    sc.set = set;
    sc.cr = cr;
    /* Colours by date keep the whole scale (the legend's colour bar);
     * colours by weapon fade with age as of this frame. */
    sc.t_min = cap->t_min;
    sc.t_max = o->color_by == IM_COLOR_BY_DATE ? cap->t_max : b;
    /* --size-by and --color-by FIELD: the sizes are in the placed points;
     * the scale and the categories' colours are the whole map's. */
    im_symbology_copy(&sc, &cap->sym);
    for (size_t i = 0; i < cap->n; i++)
        if (cap->pts[i].time <= b)
            pts[sc.n++] = cap->pts[i];
    for (size_t c = 0; c < cap->n_clusters; c++) {
        im_cluster cl = cap->clusters[c];
        cl.n = 0;
        memset(cl.counts, 0, sizeof cl.counts);
        for (size_t i = 0; i < sc.n; i++)
            if (isnan(pts[i].x) && pts[i].sx == cl.sx && pts[i].sy == cl.sy) {
                cl.n++;
                cl.counts[sc.n_cats ? pts[i].cat : pts[i].weapon]++; /* as stack.c */
            }
        if (cl.n)
            clusters[sc.n_clusters++] = cl;
    }
    sc.pts = pts;
    sc.clusters = clusters;
    cairo_save(cr);
    cairo_rectangle(cr, view.fx, view.fy, view.fw, view.fh);
    cairo_clip(cr);
    draw_rings(cr, sc.st, cap, b);
    im_markers_draw(&sc);
    draw_emphasis(&sc, cap, a, b);
    cairo_restore(cr);
    char line1[64], line2[96], count[32];
    period_label(step, a, b, line1, sizeof line1);
    im_format_count(sc.n, count, sizeof count);
    snprintf(line2, sizeof line2, "%s incident%s so far", count, sc.n == 1 ? "" : "s");
    draw_stamp(&sc, line1, line2, stamp_x, stamp_y);
    cairo_destroy(cr);
    cairo_surface_flush(frame);
    return sc.n;
}

/* Write frame number k (1-based) as DIR/frame-NNNN.png. */
static im_status write_png_frame(im_context *ctx, const im_render_options *o,
                                 const im_capture *cap, cairo_surface_t *frame, size_t k,
                                 const char *period, const char *title, size_t count)
{
    size_t len = strlen(o->frames_dir) + 32;
    char *path = malloc(len), desc[160];
    if (!path)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    snprintf(path, len, "%s/frame-%04zu.png", o->frames_dir, k);
    snprintf(desc, sizeof desc, "%s; %zu incidents so far", period, count);
    const im_png_text text[] = {
        {"Title", title},
        {"Description", desc},
        {"Software", "incmap " IM_VERSION_STRING},
    };
    im_out out = {0};
    im_status st = im_out_open(ctx, path, &out);
    if (st == IM_OK &&
        (st = im_png_write(ctx, frame, out.fp, cap->dpi, o->png_level, false, text, 3)) == IM_OK)
        st = im_out_commit(ctx, &out);
    im_out_abort(&out);
    free(path);
    return st;
}

static im_status webp_fail(im_context *ctx, const char *path, const char *what,
                           WebPAnimEncoder *enc)
{
    const char *why = enc ? WebPAnimEncoderGetError(enc) : NULL;
    return im_fail(ctx, IM_ERR_ENCODE, "%s: WebP encoder: %s%s%s", path, what,
                   why && *why ? ": " : "", why && *why ? why : "");
}

im_status im_animate_render(im_context *ctx, const im_incidents *set,
                            const im_render_options *opts, const char *path)
{
    if (!ctx || !set || !opts || !path)
        return im_fail_arg(ctx, __func__);
    int step = opts->animate;
    if (step < IM_ANIMATE_DAY || step > IM_ANIMATE_MONTH)
        return im_fail(ctx, IM_ERR_ARG, "%s: a .webp output is a time-lapse: give --animate "
                       "day, week or month", path);
    if (opts->facet != IM_FACET_NONE ||
        opts->density == IM_DENSITY_HEX || opts->density == IM_DENSITY_GRID)
        return im_fail(ctx, IM_ERR_ARG, "%s: a time-lapse draws one frame with a marker per "
                       "incident; --facet and --density are for PNG, SVG and PDF", path);
    if (opts->frame_ms < 0 || opts->frame_ms > 60000)
        return im_fail(ctx, IM_ERR_ARG, "%s: a frame lasts 1 to 60000 ms", path);
    im_render_options o;
    im_capture cap;
    im_layout_report rep;
    im_status st = im_capture_render(ctx, set, opts, path, IM_OUTPUT_PNG, &o, &cap, &rep);
    if (st != IM_OK)
        return st;
    /* The frames: every period from the window's (or the first incident's)
     * to the window's end (or the last incident's), empty ones included, so
     * that time runs evenly. */
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    for (size_t i = 0; i < cap.n; i++) {
        t0 = cap.pts[i].time < t0 ? cap.pts[i].time : t0;
        t1 = cap.pts[i].time > t1 ? cap.pts[i].time : t1;
    }
    if (opts->has_from)
        t0 = opts->from;
    if (opts->has_to)
        t1 = opts->to;
    WebPAnimEncoder *enc = NULL;
    cairo_surface_t *frame = NULL;
    im_placed *pts = NULL;
    im_cluster *clusters = NULL;
    WebPData webp = {NULL, 0};
    im_out out = {0};
    int64_t p0 = 0, p1 = -1;
    if (t0 > t1) {
        st = im_fail(ctx, IM_ERR_ARG, "%s: no incidents in the selection to animate", path);
        goto done;
    }
    p0 = period_of(step, t0), p1 = period_of(step, t1);
    if (p1 - p0 + 1 > MAX_FRAMES) {
        st = im_fail(ctx, IM_ERR_ARG, "%s: %lld frames, more than %d; choose a longer --animate "
                     "step or a shorter window (--from, --to)", path, (long long)(p1 - p0 + 1),
                     MAX_FRAMES);
        goto done;
    }
    if (opts->frames_dir && mkdir(opts->frames_dir, 0777) != 0 && errno != EEXIST) {
        st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot create the folder: %s", opts->frames_dir,
                     strerror(errno));
        goto done;
    }
    int w = cairo_image_surface_get_width(cap.image), h = cairo_image_surface_get_height(cap.image);
    frame = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    pts = im_malloc_array(cap.n ? cap.n : 1, sizeof *pts);
    clusters = im_malloc_array(cap.n_clusters ? cap.n_clusters : 1, sizeof *clusters);
    WebPAnimEncoderOptions eo;
    WebPConfig config;
    if (!pts || !clusters || cairo_surface_status(frame) != CAIRO_STATUS_SUCCESS ||
        !WebPAnimEncoderOptionsInit(&eo) || !WebPConfigInit(&config)) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    eo.anim_params.loop_count = 0; /* forever */
    eo.anim_params.bgcolor = 0xffffffffu;
    /* Lossless: maps are flat colour and thin lines, which lossy coding
     * smears; after the first frame only the new markers are coded. */
    config.lossless = 1;
    config.quality = 75;
    config.method = 4;
    if (!WebPValidateConfig(&config) || !(enc = WebPAnimEncoderNew(w, h, &eo))) {
        st = webp_fail(ctx, path, "cannot start", NULL);
        goto done;
    }
    /* The stamp's place, sized for its widest text: a long period label
     * and the full count. */
    double stamp_x = cap.fx, stamp_y = cap.fy;
    {
        char l1[64], l2[96], count[32];
        int64_t a, b;
        period_span(step, p1, &a, &b);
        period_label(step, a, b, l1, sizeof l1);
        im_format_count(cap.n, count, sizeof count);
        snprintf(l2, sizeof l2, "%s incidents so far", count);
        im_view v;
        memset(&v, 0, sizeof v);
        v.pt = cap.pt, v.fx = cap.fx, v.fy = cap.fy, v.fw = cap.fw, v.fh = cap.fh;
        cairo_t *mcr = cairo_create(frame);
        stamp_place(&cap, &rep, mcr, &v, &ctx->style, l1, l2, &stamp_x, &stamp_y);
        cairo_destroy(mcr);
    }
    int ms = opts->frame_ms > 0 ? opts->frame_ms : DEFAULT_FRAME_MS, stamp = 0;
    for (int64_t p = p0; p <= p1 && st == IM_OK; p++) {
        int64_t a, b;
        period_span(step, p, &a, &b);
        size_t drawn = draw_frame(ctx, &o, set, &cap, frame, pts, clusters, step, a, b, stamp_x,
                                  stamp_y);
        if (cairo_surface_status(frame) != CAIRO_STATUS_SUCCESS) {
            st = im_fail(ctx, IM_ERR_RENDER, "%s: drawing a frame failed", path);
            break;
        }
        if (opts->frames_dir) {
            char label[64];
            period_label(step, a, b, label, sizeof label);
            if ((st = write_png_frame(ctx, opts, &cap, frame, (size_t)(p - p0 + 1), label,
                                      cap.title, drawn)) != IM_OK)
                break;
        }
        WebPPicture pic;
        if (!WebPPictureInit(&pic)) {
            st = webp_fail(ctx, path, "cannot start a frame", enc);
            break;
        }
        pic.use_argb = 1;
        pic.width = w;
        pic.height = h;
        /* Cairo's ARGB32 in memory is B, G, R, A on little-endian machines
         * and the frames are opaque, so premultiplied equals straight. */
        const uint8_t *px = cairo_image_surface_get_data(frame);
        int stride = cairo_image_surface_get_stride(frame);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        int ok = WebPPictureImportRGBA(&pic, px, stride); /* not reached on x86/ARM */
#else
        int ok = WebPPictureImportBGRA(&pic, px, stride);
#endif
        ok = ok && WebPAnimEncoderAdd(enc, &pic, stamp, &config);
        WebPPictureFree(&pic);
        if (!ok) {
            st = webp_fail(ctx, path, "cannot add a frame", enc);
            break;
        }
        stamp += p == p1 ? 3 * ms : ms; /* the last frame stays longer */
    }
    if (st != IM_OK)
        goto done;
    if (!WebPAnimEncoderAdd(enc, NULL, stamp, NULL) || !WebPAnimEncoderAssemble(enc, &webp)) {
        st = webp_fail(ctx, path, "cannot assemble the animation", enc);
        goto done;
    }
    if ((st = im_out_open(ctx, path, &out)) != IM_OK)
        goto done;
    if (fwrite(webp.bytes, 1, webp.size, out.fp) != webp.size)
        st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: %s", path, strerror(errno));
    else
        st = im_out_commit(ctx, &out);
    if (st == IM_OK)
        im_log(ctx, IM_LOG_INFO, "%s: %lld frames, %zu bytes", path, (long long)(p1 - p0 + 1),
               webp.size);
done:
    im_out_abort(&out);
    WebPDataClear(&webp);
    if (enc)
        WebPAnimEncoderDelete(enc);
    if (frame)
        cairo_surface_destroy(frame);
    free(pts);
    free(clusters);
    free(rep.boxes);
    im_capture_clear(&cap);
    return st;
}
