/*
 * basemap_gpkg.c - basemap layers from GeoPackage tables (SQLite).
 *
 * A layer names a feature table of a .gpkg file. Its geometry column holds
 * GeoPackage binary geometry (a small header with an optional envelope,
 * then ISO WKB), parsed here into the same in-memory parts as GeoJSON. When
 * the caller gives an area of interest and the table has the GeoPackage
 * R-tree (rtree_<table>_<column>), only the rows whose box meets the area
 * are read, so a small map of a world basemap reads little of it.
 */
#include "basemap_int.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define GP_MAX_DEPTH 8     /* nested collections */
#define GP_NAME_MAX 64     /* table and column names */

typedef struct wkb_reader {
    im_context *ctx;
    im_basemap *bm;
    bm_layer *L;
    bm_feature *f;
    const unsigned char *p, *end;
    char where[256];
    double *tmp;           /* scratch positions; owned */
    size_t cap_tmp;
} wkb_reader;

static im_status wkb_fail(wkb_reader *w, const char *msg)
{
    return im_fail(w->ctx, IM_ERR_BASEMAP, "%s: %s", w->where, msg);
}

static bool rd_u32(wkb_reader *w, bool le, uint32_t *v)
{
    if (w->end - w->p < 4)
        return false;
    const unsigned char *b = w->p;
    *v = le ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
            : (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
    w->p += 4;
    return true;
}

static double get_f64(const unsigned char *b, bool le)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)b[le ? i : 7 - i] << (8 * i);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* n positions of dims doubles each into w->tmp (lon, lat kept). */
static im_status wkb_points(wkb_reader *w, bool le, uint32_t n, int dims)
{
    size_t need = (size_t)n * (size_t)dims * 8;
    if ((size_t)(w->end - w->p) < need)
        return wkb_fail(w, "geometry blob is truncated");
    if (n > w->cap_tmp) {
        double *t = im_realloc_array(w->tmp, (size_t)n, 2 * sizeof(double));
        if (!t)
            return im_fail(w->ctx, IM_ERR_NOMEM, "%s: out of memory", w->where);
        w->tmp = t;
        w->cap_tmp = n;
    }
    for (uint32_t i = 0; i < n; i++) {
        w->tmp[2 * i] = get_f64(w->p, le);
        w->tmp[2 * i + 1] = get_f64(w->p + 8, le);
        w->p += (size_t)dims * 8;
    }
    return IM_OK;
}

static im_status wkb_geometry(wkb_reader *w, int depth)
{
    if (depth > GP_MAX_DEPTH)
        return wkb_fail(w, "geometry collections nested too deep");
    if (w->p >= w->end)
        return wkb_fail(w, "geometry blob is truncated");
    unsigned char order = *w->p++;
    if (order > 1)
        return wkb_fail(w, "WKB byte order is neither 0 nor 1");
    bool le = order == 1;
    uint32_t type;
    if (!rd_u32(w, le, &type))
        return wkb_fail(w, "geometry blob is truncated");
    /* ISO: 1000 Z, 2000 M, 3000 ZM; EWKB flag bits are not GeoPackage. */
    if (type & 0xE0000000u)
        return wkb_fail(w, "extended (EWKB) geometry types are not GeoPackage WKB");
    uint32_t base = type % 1000, dimcode = type / 1000;
    if (dimcode > 3)
        return wkb_fail(w, "unknown WKB geometry type");
    int dims = 2 + (dimcode == 1 || dimcode == 2) + 2 * (dimcode == 3);
    uint32_t n;
    im_status st = IM_OK;
    switch (base) {
    case 1: /* Point */
        if ((st = wkb_points(w, le, 1, dims)) != IM_OK)
            return st;
        if (isnan(w->tmp[0]) && isnan(w->tmp[1]))
            return IM_OK; /* empty point */
        return bm_part_append(w->ctx, w->bm, w->L, w->f, w->tmp, 1, PART_POINTS, w->where);
    case 2: /* LineString */
        if (!rd_u32(w, le, &n))
            return wkb_fail(w, "geometry blob is truncated");
        if ((st = wkb_points(w, le, n, dims)) != IM_OK)
            return st;
        return bm_part_append(w->ctx, w->bm, w->L, w->f, w->tmp, n, PART_LINE, w->where);
    case 3: { /* Polygon */
        uint32_t rings;
        if (!rd_u32(w, le, &rings))
            return wkb_fail(w, "geometry blob is truncated");
        for (uint32_t r = 0; r < rings && st == IM_OK; r++) {
            if (!rd_u32(w, le, &n))
                return wkb_fail(w, "geometry blob is truncated");
            if ((st = wkb_points(w, le, n, dims)) != IM_OK)
                return st;
            st = bm_part_append(w->ctx, w->bm, w->L, w->f, w->tmp, n,
                                r == 0 ? PART_OUTER : PART_HOLE, w->where);
        }
        return st;
    }
    case 4: case 5: case 6: case 7: { /* Multi*, GeometryCollection */
        uint32_t k;
        if (!rd_u32(w, le, &k))
            return wkb_fail(w, "geometry blob is truncated");
        for (uint32_t i = 0; i < k && st == IM_OK; i++) {
            if (w->end - w->p < 5)
                return wkb_fail(w, "geometry blob is truncated");
            st = wkb_geometry(w, depth + 1);
        }
        return st;
    }
    default:
        return wkb_fail(w, "unsupported WKB geometry type (curves, surfaces, TIN)");
    }
}

/* GeoPackage binary: "GP", version, flags, srs_id, envelope, WKB. */
static im_status gpkg_geometry(wkb_reader *w, const unsigned char *blob, size_t size)
{
    if (size < 8 || blob[0] != 'G' || blob[1] != 'P')
        return wkb_fail(w, "not a GeoPackage geometry (no \"GP\" header)");
    if (blob[2] != 0)
        return wkb_fail(w, "unknown GeoPackage geometry version");
    unsigned flags = blob[3];
    if (flags & 0x20)
        return wkb_fail(w, "extended GeoPackage geometry types are not supported");
    static const size_t env_len[8] = {0, 32, 48, 48, 64, 0, 0, 0};
    unsigned env = (flags >> 1) & 7;
    if (env > 4)
        return wkb_fail(w, "invalid envelope code in the GeoPackage geometry header");
    size_t off = 8 + env_len[env];
    if (size < off)
        return wkb_fail(w, "geometry blob is truncated");
    if (flags & 0x10)
        return IM_OK; /* empty geometry */
    w->p = blob + off;
    w->end = blob + size;
    return wkb_geometry(w, 0);
}

/* Plain identifiers only: they are quoted into SQL. */
static bool ident_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= GP_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    }
    return true;
}

static bool has_column(sqlite3 *db, const char *table, const char *col)
{
    char sql[160];
    snprintf(sql, sizeof sql, "PRAGMA table_info(\"%s\")", table);
    sqlite3_stmt *q = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK)
        while (!found && sqlite3_step(q) == SQLITE_ROW) {
            const unsigned char *name = sqlite3_column_text(q, 1);
            found = name && strcmp((const char *)name, col) == 0;
        }
    sqlite3_finalize(q);
    return found;
}

static im_status dup_text(im_context *ctx, sqlite3_stmt *q, int col, char **out)
{
    *out = NULL;
    if (sqlite3_column_type(q, col) == SQLITE_NULL)
        return IM_OK;
    const unsigned char *t = sqlite3_column_text(q, col);
    int n = sqlite3_column_bytes(q, col);
    if (!t)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    if ((size_t)n > (ctx->limits.max_string_bytes ? ctx->limits.max_string_bytes : 65536) ||
        strlen((const char *)t) != (size_t)n)
        return im_fail(ctx, IM_ERR_BASEMAP, "a text value is too long or holds a NUL");
    if (!(*out = im_strdup((const char *)t)))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

/* Property columns read when the table has them (else NULL is selected). */
enum { C_GEOM, C_RANK, C_NAME, C_NAME_AR, C_NAME_FA, C_NAME_KU, C_NAME_LOCAL, C_COUNTRY,
       C_POPULATION, C_CAPITAL, C_ADMIN_CAPITAL, C_FID, C_COUNT };
static const char *const prop_cols[C_COUNT] = {
    NULL, "rank", "name", "name_ar", "name_fa", "name_ku", "name_local", "country",
    "population", "capital", "admin_capital", NULL};

im_status bm_gpkg_load(im_context *ctx, im_basemap *bm, bm_layer *L, const char *table,
                       const double *aoi)
{
    if (!table || !ident_ok(table))
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: layer \"%s\": \"table\" must name a feature "
                       "table (letters, digits, _)", L->path, L->name ? L->name : "");
    FILE *fp = fopen(L->path, "rb");
    if (!fp)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot open GeoPackage", L->path);
    fclose(fp);
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    char *sql = NULL;
    im_status st = IM_OK;
    if (sqlite3_open_v2(L->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        st = im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot open GeoPackage: %s", L->path,
                     db ? sqlite3_errmsg(db) : "out of memory");
        goto done;
    }
    /* The geometry column, from the GeoPackage's own catalogue. */
    char geom[GP_NAME_MAX] = "";
    if (sqlite3_prepare_v2(db, "SELECT column_name FROM gpkg_geometry_columns WHERE "
                           "table_name = ?", -1, &q, NULL) != SQLITE_OK) {
        st = im_fail(ctx, IM_ERR_BASEMAP, "%s: not a GeoPackage (%s)", L->path,
                     sqlite3_errmsg(db));
        goto done;
    }
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        snprintf(geom, sizeof geom, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    q = NULL;
    if (!ident_ok(geom)) {
        st = im_fail(ctx, IM_ERR_BASEMAP, "%s: no feature table \"%s\" with a geometry column",
                     L->path, table);
        goto done;
    }
    char rtree[2 * GP_NAME_MAX + 8];
    snprintf(rtree, sizeof rtree, "rtree_%s_%s", table, geom);
    bool indexed = false;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = ?", -1, &q, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(q, 1, rtree, -1, SQLITE_STATIC);
        indexed = sqlite3_step(q) == SQLITE_ROW;
    }
    sqlite3_finalize(q);
    q = NULL;

    size_t cap = 512;
    if (!(sql = malloc(cap))) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t len = (size_t)snprintf(sql, cap, "SELECT \"%s\"", geom);
    for (int c = 1; c < C_FID; c++)
        len += (size_t)snprintf(sql + len, cap - len, has_column(db, table, prop_cols[c])
                                ? ", \"%s\"" : ", NULL", prop_cols[c]);
    len += (size_t)snprintf(sql + len, cap - len, ", rowid FROM \"%s\"", table);
    /* Across the antimeridian the area is two boxes. */
    double boxes[2][4];
    int nbox = 0;
    if (aoi && indexed && !(aoi[0] <= -180 && aoi[2] >= 180)) {
        double w = aoi[0], e = aoi[2];
        if (w < -180 && e <= 180) {
            double a[4] = {w + 360, aoi[1], 180, aoi[3]}, b[4] = {-180, aoi[1], e, aoi[3]};
            memcpy(boxes[0], a, sizeof a);
            memcpy(boxes[1], b, sizeof b);
            nbox = 2;
        } else if (e > 180 && w >= -180) {
            double a[4] = {w, aoi[1], 180, aoi[3]}, b[4] = {-180, aoi[1], e - 360, aoi[3]};
            memcpy(boxes[0], a, sizeof a);
            memcpy(boxes[1], b, sizeof b);
            nbox = 2;
        } else if (w >= -180 && e <= 180) {
            double a[4] = {w, aoi[1], e, aoi[3]};
            memcpy(boxes[0], a, sizeof a);
            nbox = 1;
        }
    }
    if (nbox > 0) {
        len += (size_t)snprintf(sql + len, cap - len, " WHERE rowid IN (SELECT id FROM \"%s\" "
                                "WHERE (minx <= ?2 AND maxx >= ?1 AND miny <= ?4 AND maxy >= ?3)",
                                rtree);
        if (nbox == 2)
            len += (size_t)snprintf(sql + len, cap - len,
                                    " OR (minx <= ?6 AND maxx >= ?5 AND miny <= ?8 AND maxy >= ?7)");
        len += (size_t)snprintf(sql + len, cap - len, ")");
    }
    snprintf(sql + len, cap - len, " ORDER BY rowid");
    if (len >= cap - 16 || sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) {
        st = im_fail(ctx, IM_ERR_BASEMAP, "%s: table \"%s\": %s", L->path, table,
                     sqlite3_errmsg(db));
        goto done;
    }
    for (int b = 0; b < nbox; b++) {
        sqlite3_bind_double(q, 4 * b + 1, boxes[b][0]);
        sqlite3_bind_double(q, 4 * b + 2, boxes[b][2]);
        sqlite3_bind_double(q, 4 * b + 3, boxes[b][1]);
        sqlite3_bind_double(q, 4 * b + 4, boxes[b][3]);
    }
    wkb_reader w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    w.bm = bm;
    w.L = L;
    int rc = SQLITE_DONE;
    while (st == IM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        long long fid = sqlite3_column_int64(q, C_FID);
        snprintf(w.where, sizeof w.where, "%s: table %s, fid %lld", L->path, table, fid);
        bm_feature f = {L->n_parts, 0, {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}, 0, NULL};
        w.f = &f;
        if (sqlite3_column_type(q, C_GEOM) == SQLITE_NULL)
            continue;
        if (sqlite3_column_type(q, C_GEOM) != SQLITE_BLOB) {
            st = wkb_fail(&w, "the geometry is not a blob");
            break;
        }
        const unsigned char *blob = sqlite3_column_blob(q, C_GEOM);
        size_t size = (size_t)sqlite3_column_bytes(q, C_GEOM);
        if ((st = gpkg_geometry(&w, blob, size)) != IM_OK)
            break;
        f.n_parts = L->n_parts - f.part0;
        if (f.n_parts == 0)
            continue;
        double rank = sqlite3_column_double(q, C_RANK);
        f.rank = rank >= 1 && rank <= 1e6 ? (long)rank : 0;
        if ((st = dup_text(ctx, q, C_NAME, &f.name)) != IM_OK)
            break;
        if (L->kind == BM_POINT && L->parts[f.part0].kind == PART_POINTS) {
            bm_place p;
            memset(&p, 0, sizeof p);
            p.lon = L->xy[2 * L->parts[f.part0].start];
            p.lat = L->xy[2 * L->parts[f.part0].start + 1];
            p.population = sqlite3_column_type(q, C_POPULATION) == SQLITE_NULL
                ? NAN : sqlite3_column_double(q, C_POPULATION);
            p.capital = sqlite3_column_int(q, C_CAPITAL) != 0;
            p.admin_capital = sqlite3_column_int(q, C_ADMIN_CAPITAL) != 0;
            if ((st = dup_text(ctx, q, C_NAME, &p.name)) != IM_OK ||
                (st = dup_text(ctx, q, C_NAME_AR, &p.name_ar)) != IM_OK ||
                (st = dup_text(ctx, q, C_NAME_FA, &p.name_fa)) != IM_OK ||
                (st = dup_text(ctx, q, C_NAME_KU, &p.name_ku)) != IM_OK ||
                (st = dup_text(ctx, q, C_NAME_LOCAL, &p.name_local)) != IM_OK ||
                (st = dup_text(ctx, q, C_COUNTRY, &p.country)) != IM_OK)
                bm_place_clear(&p);
            else
                st = bm_place_push(ctx, L, &p); /* clears p on failure */
            if (st != IM_OK) {
                free(f.name);
                break;
            }
        }
        st = bm_feature_push(ctx, L, &f);
    }
    if (st == IM_OK && rc != SQLITE_DONE)
        st = im_fail(ctx, IM_ERR_BASEMAP, "%s: table \"%s\": %s", L->path, table,
                     sqlite3_errmsg(db));
    free(w.tmp);
done:
    sqlite3_finalize(q);
    sqlite3_close(db);
    free(sql);
    return st;
}
