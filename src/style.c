/* style.c - the weapon taxonomy, palette, marker shapes, fonts and sizes.
 * The built-in default IS data/style.json: the build compiles the file in
 * as bytes (cmake/embed.cmake) and im_style_init_default() parses them, so
 * the two cannot differ (tests/unit/test_style.c checks the round trip). */
#include "im_private.h"
#include "style_default.h"
#include "theme_dark.h"
#include "theme_light.h"
#include "theme_print.h"

#include <ctype.h>
#include <jansson.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const shape_names[IM_SHAPE_COUNT] = {
    "circle", "triangle", "diamond", "square", "star", "cross"};

bool im_parse_color(const char *text, im_rgba *out)
{
    if (!text || text[0] != '#')
        return false;
    size_t n = strlen(text + 1);
    if (n != 6 && n != 8)
        return false;
    unsigned v[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < n / 2; i++) {
        char h[3] = {text[1 + 2 * i], text[2 + 2 * i], 0};
        if (!isxdigit((unsigned char)h[0]) || !isxdigit((unsigned char)h[1]))
            return false;
        v[i] = (unsigned)strtoul(h, NULL, 16);
    }
    out->r = v[0] / 255.0;
    out->g = v[1] / 255.0;
    out->b = v[2] / 255.0;
    out->a = v[3] / 255.0;
    return true;
}

void im_style_clear(im_style *st)
{
    for (size_t i = 0; i < st->n_aliases; i++)
        free(st->aliases[i].from);
    free(st->aliases);
    st->aliases = NULL;
    st->n_aliases = 0;
    for (size_t i = 0; i < st->n_codes; i++) {
        free(st->codes[i].column);
        free(st->codes[i].value);
    }
    free(st->codes);
    st->codes = NULL;
    st->n_codes = 0;
    for (size_t i = 0; i < st->n_cat_colors; i++)
        free(st->cat_colors[i].name);
    free(st->cat_colors);
    st->cat_colors = NULL;
    st->n_cat_colors = 0;
}

im_status im_style_copy(im_style *dst, const im_style *src)
{
    *dst = *src;
    dst->aliases = NULL;
    dst->codes = NULL;
    dst->n_aliases = dst->n_codes = 0;
    dst->cat_colors = NULL;
    dst->n_cat_colors = 0;
    if (src->n_cat_colors &&
        !(dst->cat_colors = im_malloc_array(src->n_cat_colors, sizeof *dst->cat_colors)))
        return IM_ERR_NOMEM;
    for (; dst->n_cat_colors < src->n_cat_colors; dst->n_cat_colors++) {
        dst->cat_colors[dst->n_cat_colors].color = src->cat_colors[dst->n_cat_colors].color;
        if (!(dst->cat_colors[dst->n_cat_colors].name =
                  im_strdup(src->cat_colors[dst->n_cat_colors].name))) {
            im_style_clear(dst);
            return IM_ERR_NOMEM;
        }
    }
    if (src->n_aliases && !(dst->aliases = im_malloc_array(src->n_aliases, sizeof *dst->aliases)))
        return IM_ERR_NOMEM;
    for (; dst->n_aliases < src->n_aliases; dst->n_aliases++) {
        im_alias *a = &dst->aliases[dst->n_aliases];
        a->weapon = src->aliases[dst->n_aliases].weapon;
        if (!(a->from = im_strdup(src->aliases[dst->n_aliases].from))) {
            im_style_clear(dst);
            return IM_ERR_NOMEM;
        }
    }
    if (src->n_codes && !(dst->codes = im_malloc_array(src->n_codes, sizeof *dst->codes))) {
        im_style_clear(dst);
        return IM_ERR_NOMEM;
    }
    for (; dst->n_codes < src->n_codes; dst->n_codes++) {
        im_code *c = &dst->codes[dst->n_codes];
        c->weapon = src->codes[dst->n_codes].weapon;
        c->column = im_strdup(src->codes[dst->n_codes].column);
        c->value = im_strdup(src->codes[dst->n_codes].value);
        if (!c->column || !c->value) {
            dst->n_codes++;
            im_style_clear(dst);
            return IM_ERR_NOMEM;
        }
    }
    return IM_OK;
}

static int weapon_index(const im_style *st, const char *name)
{
    for (int i = 0; i < st->n_weapons; i++)
        if (strcasecmp(st->weapons[i].name, name) == 0)
            return i;
    return -1;
}

/* Add or replace an alias; from is copied and lower-cased. */
static im_status set_alias(im_style *st, const char *from, int weapon)
{
    for (size_t i = 0; i < st->n_aliases; i++)
        if (strcasecmp(st->aliases[i].from, from) == 0) {
            st->aliases[i].weapon = weapon;
            return IM_OK;
        }
    im_alias *a = im_realloc_array(st->aliases, st->n_aliases + 1, sizeof *a);
    if (!a)
        return IM_ERR_NOMEM;
    st->aliases = a;
    char *copy = im_strdup(from);
    if (!copy)
        return IM_ERR_NOMEM;
    for (char *p = copy; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    st->aliases[st->n_aliases].from = copy;
    st->aliases[st->n_aliases].weapon = weapon;
    st->n_aliases++;
    return IM_OK;
}

im_status im_style_init_default(im_style *st)
{
    memset(st, 0, sizeof *st);
    st->other = -1;
    st->theme.relief = 1;
    im_status s = im_style_load_buffer(NULL, st, "data/style.json",
                                       (const char *)im_style_default_json,
                                       sizeof im_style_default_json - 1);
    if (s == IM_OK && st->other < 0)
        s = IM_ERR_STYLE;
    if (s != IM_OK)
        im_style_clear(st);
    return s;
}

int im_style_weapon_lookup(const im_style *st, const char *raw)
{
    /* Trim spaces; compare case-insensitively against names, then aliases. */
    char buf[128];
    while (*raw == ' ' || *raw == '\t')
        raw++;
    size_t n = strlen(raw);
    while (n && (raw[n - 1] == ' ' || raw[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, raw, n);
    buf[n] = '\0';
    int i = weapon_index(st, buf);
    if (i >= 0)
        return i;
    for (size_t k = 0; k < st->n_aliases; k++)
        if (strcasecmp(st->aliases[k].from, buf) == 0)
            return st->aliases[k].weapon;
    return -1;
}

int im_style_code_lookup(const im_style *st, const char *column, const char *value)
{
    if (!column || !value)
        return -1;
    while (*value == ' ' || *value == '\t')
        value++;
    size_t n = strlen(value);
    while (n && (value[n - 1] == ' ' || value[n - 1] == '\t'))
        n--;
    /* A GeoJSON property or a nested JSON member is labelled by its path
     * ("properties.type_of_violence"): the codes are keyed by its last name. */
    const char *dot = strrchr(column, '.');
    if (dot && dot[1])
        column = dot + 1;
    /* A Shapefile's DBF cuts column names to 10 characters
     * ("type_of_violence" is "type_of_vi" there). */
    size_t cn = strlen(column);
    for (size_t k = 0; k < st->n_codes; k++)
        if ((strcasecmp(st->codes[k].column, column) == 0 ||
             (cn == 10 && strncasecmp(st->codes[k].column, column, 10) == 0)) &&
            strlen(st->codes[k].value) == n &&
            strncasecmp(st->codes[k].value, value, n) == 0)
            return st->codes[k].weapon;
    return -1;
}

/* ---- loading a style file ------------------------------------------ */

/* Errors while parsing the built-in style have no context to go to. */
#define STYLE_FAIL(ctx, ...) ((ctx) ? im_fail((ctx), IM_ERR_STYLE, __VA_ARGS__) : IM_ERR_STYLE)

static im_status set_code(im_style *st, const char *column, const char *value, int weapon)
{
    for (size_t i = 0; i < st->n_codes; i++)
        if (strcasecmp(st->codes[i].column, column) == 0 &&
            strcasecmp(st->codes[i].value, value) == 0) {
            st->codes[i].weapon = weapon;
            return IM_OK;
        }
    im_code *c = im_realloc_array(st->codes, st->n_codes + 1, sizeof *c);
    if (!c)
        return IM_ERR_NOMEM;
    st->codes = c;
    char *col = im_strdup(column), *val = im_strdup(value);
    if (!col || !val) {
        free(col);
        free(val);
        return IM_ERR_NOMEM;
    }
    st->codes[st->n_codes++] = (im_code){col, val, weapon};
    return IM_OK;
}

/* Where a message about a style value points: the "path:line:col" of the
 * value at a JSON pointer made of up to three keys, found again in the raw
 * text (jansson keeps no positions); the nearest enclosing value that is
 * found when the value itself is not (a key written with escapes), the
 * path alone when none is. */
typedef struct style_src {
    const char *path, *text;
    size_t size;
    char buf[4200];
} style_src;

/* Append "/key" to the pointer p (~ and / escaped); false when it does not fit. */
static bool ptr_add(char *p, size_t n, const char *key)
{
    size_t k = strlen(p);
    if (k + 1 >= n)
        return false;
    p[k++] = '/';
    for (; *key; key++) {
        if (k + 3 >= n)
            return false;
        if (*key == '~' || *key == '/') {
            p[k++] = '~';
            p[k++] = *key == '~' ? '0' : '1';
        } else {
            p[k++] = *key;
        }
    }
    p[k] = '\0';
    return true;
}

static const char *style_at(style_src *src, const char *k1, const char *k2, const char *k3)
{
    const char *keys[3] = {k1, k2, k3};
    int n = 0;
    while (n < 3 && keys[n])
        n++;
    for (; n > 0; n--) {
        char ptr[400] = "";
        bool fits = true;
        for (int i = 0; i < n && fits; i++)
            fits = ptr_add(ptr, sizeof ptr, keys[i]);
        int line, col;
        if (fits && im_json_where(src->text, src->size, ptr, &line, &col)) {
            snprintf(src->buf, sizeof src->buf, "%s:%d:%d", src->path, line, col);
            return src->buf;
        }
    }
    return src->path;
}

/* The same for an array element: k1/k2/i (k2 may be NULL). */
static const char *style_at_index(style_src *src, const char *k1, const char *k2, size_t i)
{
    char idx[24];
    snprintf(idx, sizeof idx, "%zu", i);
    return k2 ? style_at(src, k1, k2, idx) : style_at(src, k1, idx, NULL);
}

static im_status load_codes(im_context *ctx, im_style *st, style_src *src, json_t *codes)
{
    if (!json_is_object(codes))
        return STYLE_FAIL(ctx, "%s: \"codes\" must be an object of columns",
                          style_at(src, "codes", NULL, NULL));
    const char *column, *value;
    json_t *map, *target;
    json_object_foreach(codes, column, map) {
        if (!json_is_object(map) || !*column || strlen(column) > 60)
            return STYLE_FAIL(ctx, "%s: codes.%.60s must be an object of values and weapon "
                                   "types", style_at(src, "codes", column, NULL), column);
        json_object_foreach(map, value, target) {
            int w = json_is_string(target) ? weapon_index(st, json_string_value(target)) : -1;
            if (w < 0 || !*value || strlen(value) > 60)
                return STYLE_FAIL(ctx, "%s: codes.%.60s.%.60s must name a weapon type",
                                  style_at(src, "codes", column, value), column, value);
            if (set_code(st, column, value, w) != IM_OK)
                return ctx ? im_fail(ctx, IM_ERR_NOMEM, "out of memory") : IM_ERR_NOMEM;
        }
    }
    return IM_OK;
}

/* obj[key] as a number in [lo, hi]; obj is the member section of the root
 * (NULL: obj is the root). */
static im_status style_number(im_context *ctx, style_src *src, const char *section, json_t *obj,
                              const char *key, double lo, double hi, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return IM_OK;
    if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
        json_number_value(v) < lo || json_number_value(v) > hi)
        return STYLE_FAIL(ctx, "%s: \"%s\" must be a number in [%g, %g]",
                          section ? style_at(src, section, key, NULL)
                                  : style_at(src, key, NULL, NULL),
                          key, lo, hi);
    *out = json_number_value(v);
    return IM_OK;
}

/* obj[key] as a colour; obj is root[s1] or root[s1][s2] (s2 NULL), where
 * the prefix of the key in the message ("theme."). */
static im_status style_color(im_context *ctx, style_src *src, const char *s1, const char *s2,
                             json_t *obj, const char *key, const char *where, im_rgba *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return IM_OK;
    if (!json_is_string(v) || !im_parse_color(json_string_value(v), out))
        return STYLE_FAIL(ctx, "%s: %s\"%s\" must be a colour like \"#d55e00\"",
                          s2 ? style_at(src, s1, s2, key) : style_at(src, s1, key, NULL),
                          where, key);
    return IM_OK;
}

/* "size": diameters of proportional symbols (--size-by). */
static im_status load_size(im_context *ctx, im_style *st, style_src *src, json_t *o)
{
    if (!json_is_object(o))
        return STYLE_FAIL(ctx, "%s: \"size\" must be an object", style_at(src, "size", NULL, NULL));
    im_status s;
    if ((s = style_number(ctx, src, "size", o, "max_diameter", 4, 144, &st->size_max_d)) ||
        (s = style_number(ctx, src, "size", o, "min_diameter", 0.5, 72, &st->size_min_d)))
        return s;
    if (st->size_min_d > st->size_max_d)
        return STYLE_FAIL(ctx, "%s: size.min_diameter (%g) is larger than size.max_diameter "
                               "(%g)", style_at(src, "size", "min_diameter", NULL),
                          st->size_min_d, st->size_max_d);
    return IM_OK;
}

/* "categories": the palette of --color-by FIELD, the colour of "Other",
 * how many categories before "Other", and colours fixed by value. */
static im_status load_categories(im_context *ctx, im_style *st, style_src *src, json_t *o)
{
    if (!json_is_object(o))
        return STYLE_FAIL(ctx, "%s: \"categories\" must be an object",
                          style_at(src, "categories", NULL, NULL));
    im_status s;
    json_t *v;
    if ((v = json_object_get(o, "palette"))) {
        size_t n = json_is_array(v) ? json_array_size(v) : 0;
        if (n < 2 || n > IM_MAX_CATS - 1)
            return STYLE_FAIL(ctx, "%s: categories.palette must be an array of 2 to %d colours",
                              style_at(src, "categories", "palette", NULL), IM_MAX_CATS - 1);
        for (size_t i = 0; i < n; i++) {
            json_t *c = json_array_get(v, i);
            if (!json_is_string(c) || !im_parse_color(json_string_value(c), &st->palette[i]))
                return STYLE_FAIL(ctx, "%s: categories.palette[%zu] is not a colour like "
                                       "\"#0072b2\"",
                                  style_at_index(src, "categories", "palette", i), i);
        }
        st->n_palette = (int)n;
    }
    if ((s = style_color(ctx, src, "categories", NULL, o, "other", "categories.",
                         &st->other_color)))
        return s;
    double max = st->max_categories;
    if ((s = style_number(ctx, src, "categories", o, "max", 1, IM_MAX_CATS - 1, &max)))
        return s;
    if (max != floor(max))
        return STYLE_FAIL(ctx, "%s: categories.max must be a whole number",
                          style_at(src, "categories", "max", NULL));
    st->max_categories = (int)max;
    if ((v = json_object_get(o, "colors"))) {
        if (!json_is_object(v))
            return STYLE_FAIL(ctx, "%s: categories.colors must be an object of values and "
                                   "colours", style_at(src, "categories", "colors", NULL));
        const char *key;
        json_t *c;
        json_object_foreach(v, key, c) {
            im_rgba col;
            if (!json_is_string(c) || !im_parse_color(json_string_value(c), &col))
                return STYLE_FAIL(ctx, "%s: categories.colors.%.60s is not a colour like "
                                       "\"#0072b2\"", style_at(src, "categories", "colors", key),
                                  key);
            size_t i = 0;
            while (i < st->n_cat_colors && strcasecmp(st->cat_colors[i].name, key) != 0)
                i++;
            if (i == st->n_cat_colors) {
                struct im_cat_color *a =
                    im_realloc_array(st->cat_colors, st->n_cat_colors + 1, sizeof *a);
                if (!a)
                    return ctx ? im_fail(ctx, IM_ERR_NOMEM, "out of memory") : IM_ERR_NOMEM;
                st->cat_colors = a;
                if (!(a[i].name = im_strdup(key)))
                    return ctx ? im_fail(ctx, IM_ERR_NOMEM, "out of memory") : IM_ERR_NOMEM;
                st->n_cat_colors++;
            }
            st->cat_colors[i].color = col;
        }
    }
    return IM_OK;
}

const char *const im_theme_roles[IM_TH_COUNT] = {"paper", "panel", "land", "sea", "borders",
                                                  "rivers", "coastline", "labels", "halo",
                                                  "ink", "graticule", "nodata", "extent"};

im_rgba im_theme_or(const im_theme *th, int role, im_rgba fallback)
{
    im_theme_color(th, role, &fallback);
    return fallback;
}

bool im_theme_color(const im_theme *th, int role, im_rgba *out)
{
    if (!th || role < 0 || role >= IM_TH_COUNT || !th->has[role])
        return false;
    *out = th->c[role];
    return true;
}

void im_theme_text(const im_theme *th, im_rgba *color, im_rgba *halo)
{
    if (!th)
        return;
    double l0 = color ? 0.299 * color->r + 0.587 * color->g + 0.114 * color->b : 1;
    if (th->has[IM_TH_LABELS] && color && l0 < 0.5) { /* the light look's dark text */
        /* Dark text of the light look becomes the theme's label colour,
         * paler text (sources, notes) moves toward the paper as far as it
         * was from black: the hierarchy of emphasis is kept. */
        im_rgba paper = th->has[IM_TH_PAPER] ? th->c[IM_TH_PAPER] : (im_rgba){1, 1, 1, 1};
        im_rgba lab = th->c[IM_TH_LABELS];
        double l = 0.299 * color->r + 0.587 * color->g + 0.114 * color->b;
        double t = fmin(fmax((l - 0.1) / 0.9, 0), 0.6);
        *color = (im_rgba){lab.r + (paper.r - lab.r) * t, lab.g + (paper.g - lab.g) * t,
                           lab.b + (paper.b - lab.b) * t, color->a};
    }
    if (th->has[IM_TH_HALO] && halo) {
        im_rgba h = th->c[IM_TH_HALO];
        *halo = (im_rgba){h.r, h.g, h.b, halo->a};
    }
}

/* "theme": basemap, page and text colours by role, and relief strength. */
static im_status load_theme(im_context *ctx, im_style *st, style_src *src, json_t *o)
{
    if (!json_is_object(o))
        return STYLE_FAIL(ctx, "%s: \"theme\" must be an object",
                          style_at(src, "theme", NULL, NULL));
    im_theme *th = &st->theme;
    json_t *name = json_object_get(o, "name");
    if (name) {
        if (!json_is_string(name) || json_string_length(name) >= sizeof th->name)
            return STYLE_FAIL(ctx, "%s: theme.name must be a string under %zu bytes",
                              style_at(src, "theme", "name", NULL), sizeof th->name);
        snprintf(th->name, sizeof th->name, "%s", json_string_value(name));
    }
    for (int r = 0; r < IM_TH_COUNT; r++) {
        if (!json_object_get(o, im_theme_roles[r]))
            continue;
        im_status s = style_color(ctx, src, "theme", NULL, o, im_theme_roles[r], "theme.",
                                  &th->c[r]);
        if (s != IM_OK)
            return s;
        th->has[r] = true;
    }
    return style_number(ctx, src, "theme", o, "relief", 0, 2, &th->relief);
}

static im_status load_weapons(im_context *ctx, im_style *st, style_src *src, json_t *ws)
{
    if (!json_is_object(ws))
        return STYLE_FAIL(ctx, "%s: \"weapons\" must be an object",
                          style_at(src, "weapons", NULL, NULL));
    const char *key;
    json_t *w;
    json_object_foreach(ws, key, w) {
        char where[96];
        snprintf(where, sizeof where, "weapons.%.40s.", key);
        if (!json_is_object(w))
            return STYLE_FAIL(ctx, "%s: weapons.%s must be an object",
                              style_at(src, "weapons", key, NULL), key);
        if (strlen(key) == 0 || strlen(key) >= sizeof st->weapons[0].name)
            return STYLE_FAIL(ctx, "%s: weapon name \"%.40s\" is empty or too long",
                              style_at(src, "weapons", key, NULL), key);
        int i = weapon_index(st, key);
        if (i < 0) {
            if (st->n_weapons >= IM_MAX_WEAPONS)
                return STYLE_FAIL(ctx, "%s: more than %d weapon types",
                                  style_at(src, "weapons", key, NULL), IM_MAX_WEAPONS);
            i = st->n_weapons++;
            im_weapon_style *nw = &st->weapons[i];
            memset(nw, 0, sizeof *nw);
            for (size_t k = 0; key[k]; k++)
                nw->name[k] = (char)tolower((unsigned char)key[k]);
            snprintf(nw->label, sizeof nw->label, "%s", key);
            if (st->other >= 0)
                nw->color = st->weapons[st->other].color;
            else
                im_parse_color("#7F7F7F", &nw->color);
            nw->shape = IM_SHAPE_CIRCLE;
        }
        im_weapon_style *ws1 = &st->weapons[i];
        json_t *label = json_object_get(w, "label");
        if (label) {
            if (!json_is_string(label) || json_string_length(label) >= sizeof ws1->label)
                return STYLE_FAIL(ctx, "%s: %slabel must be a string under %zu bytes",
                                  style_at(src, "weapons", key, "label"), where,
                                  sizeof ws1->label);
            snprintf(ws1->label, sizeof ws1->label, "%s", json_string_value(label));
        }
        im_status s = style_color(ctx, src, "weapons", key, w, "color", where, &ws1->color);
        if (s != IM_OK)
            return s;
        json_t *shape = json_object_get(w, "shape");
        if (shape) {
            int found = -1;
            for (int k = 0; k < IM_SHAPE_COUNT && json_is_string(shape); k++)
                if (strcmp(json_string_value(shape), shape_names[k]) == 0)
                    found = k;
            if (found < 0)
                return STYLE_FAIL(ctx,
                               "%s: %sshape must be one of circle, triangle, diamond, square, "
                               "star, cross", style_at(src, "weapons", key, "shape"), where);
            ws1->shape = (im_shape)found;
        }
    }
    if (st->other < 0)
        st->other = weapon_index(st, "other");
    return IM_OK;
}

/* Strict reading: a key the style format does not have is a warning that
 * names it (a typo would otherwise pass silently), at its value; obj is the
 * root (s1 NULL), root[s1] or root[s1][s2]. keys is NULL-terminated. */
static void warn_unknown(im_context *ctx, style_src *src, const char *s1, const char *s2,
                         const char *where, json_t *obj, const char *const *keys)
{
    if (!ctx || !json_is_object(obj))
        return;
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        bool known = false;
        for (size_t k = 0; keys[k] && !known; k++)
            known = strcmp(keys[k], key) == 0;
        if (!known)
            im_log(ctx, IM_LOG_WARNING, "%s: unknown key \"%s%.60s\" (ignored)",
                   !s1 ? style_at(src, key, NULL, NULL)
                       : style_at(src, s1, s2 ? s2 : key, s2 ? key : NULL),
                   where, key);
    }
}

/* Is the font family installed (fontconfig through Pango)? */
static bool font_installed(const char *family)
{
    PangoFontMap *map = pango_cairo_font_map_get_default(); /* not ours to free */
    PangoFontFamily **fams = NULL;
    int n = 0;
    if (!map)
        return true;
    pango_font_map_list_families(map, &fams, &n);
    bool found = false;
    for (int i = 0; i < n && !found; i++)
        found = strcasecmp(pango_font_family_get_name(fams[i]), family) == 0;
    g_free(fams);
    return found;
}

static void style_warnings(im_context *ctx, style_src *src, json_t *root)
{
    static const char *const top[] = {"$schema", "weapons", "aliases", "codes", "marker",
                                      "date_ramp", "font", "title_size", "subtitle_size",
                                      "body_size", "small_size", "size", "categories", "theme",
                                      NULL};
    static const char *const marker[] = {"size", "stroke", "stroke_width", "fade_oldest", NULL};
    static const char *const weapon[] = {"label", "color", "shape", NULL};
    static const char *const size[] = {"max_diameter", "min_diameter", NULL};
    static const char *const cats[] = {"palette", "other", "max", "colors", NULL};
    static const char *const theme[] = {"name", "description", "paper", "panel", "land", "sea",
                                        "borders", "rivers", "coastline", "labels", "halo",
                                        "relief", "ink", "graticule", "nodata", "extent", NULL};
    warn_unknown(ctx, src, NULL, NULL, "", root, top);
    warn_unknown(ctx, src, "marker", NULL, "marker.", json_object_get(root, "marker"), marker);
    warn_unknown(ctx, src, "size", NULL, "size.", json_object_get(root, "size"), size);
    warn_unknown(ctx, src, "categories", NULL, "categories.",
                 json_object_get(root, "categories"), cats);
    warn_unknown(ctx, src, "theme", NULL, "theme.", json_object_get(root, "theme"), theme);
    json_t *ws = json_object_get(root, "weapons"), *w;
    const char *key;
    if (json_is_object(ws))
        json_object_foreach(ws, key, w) {
            char where[64];
            snprintf(where, sizeof where, "weapons.%.40s.", key);
            warn_unknown(ctx, src, "weapons", key, where, w, weapon);
        }
    json_t *font = json_object_get(root, "font");
    if (ctx && json_is_string(font) && !font_installed(json_string_value(font)))
        im_log(ctx, IM_LOG_WARNING, "%s: \"font\": \"%.60s\" is not installed; text falls "
               "back to another font (fc-list lists the installed ones)",
               style_at(src, "font", NULL, NULL),
               json_string_value(font));
}

im_status im_style_load_file(im_context *ctx, im_style *st, const char *path)
{
    char *text;
    size_t size;
    im_status s = im_read_file(ctx, path, &text, &size);
    if (s != IM_OK)
        return s;
    s = im_style_load_buffer(ctx, st, path, text, size);
    free(text);
    return s;
}

im_status im_style_load_buffer(im_context *ctx, im_style *st, const char *path,
                               const char *text, size_t size)
{
    style_src src = {.path = path, .text = text, .size = size};
#define AT(key) style_at(&src, (key), NULL, NULL)
    im_status s = IM_OK;
    json_error_t err;
    json_t *root = json_loadb(text, size, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return STYLE_FAIL(ctx, "%s:%d:%d: %s", path, err.line, err.column, err.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return STYLE_FAIL(ctx, "%s: a style file must hold a JSON object", path);
    }
    style_warnings(ctx, &src, root);
    json_t *v;
    if ((v = json_object_get(root, "weapons")) && (s = load_weapons(ctx, st, &src, v)) != IM_OK)
        goto done;
    if ((v = json_object_get(root, "aliases"))) {
        if (!json_is_object(v)) {
            s = STYLE_FAIL(ctx, "%s: \"aliases\" must be an object", AT("aliases"));
            goto done;
        }
        const char *key;
        json_t *target;
        json_object_foreach(v, key, target) {
            int w = json_is_string(target) ? weapon_index(st, json_string_value(target)) : -1;
            if (w < 0) {
                s = STYLE_FAIL(ctx, "%s: aliases.%.60s must name a weapon type",
                               style_at(&src, "aliases", key, NULL), key);
                goto done;
            }
            if (strlen(key) == 0 || strlen(key) > 120) {
                s = STYLE_FAIL(ctx, "%s: alias \"%.60s\" is empty or longer than 120 bytes",
                               style_at(&src, "aliases", key, NULL), key);
                goto done;
            }
            if (set_alias(st, key, w) != IM_OK) {
                s = ctx ? im_fail(ctx, IM_ERR_NOMEM, "out of memory") : IM_ERR_NOMEM;
                goto done;
            }
        }
    }
    if ((v = json_object_get(root, "codes")) && (s = load_codes(ctx, st, &src, v)) != IM_OK)
        goto done;
    if ((v = json_object_get(root, "size")) && (s = load_size(ctx, st, &src, v)) != IM_OK)
        goto done;
    if ((v = json_object_get(root, "categories")) &&
        (s = load_categories(ctx, st, &src, v)) != IM_OK)
        goto done;
    if ((v = json_object_get(root, "theme")) && (s = load_theme(ctx, st, &src, v)) != IM_OK)
        goto done;
    json_t *marker = json_object_get(root, "marker");
    if (marker) {
        if (!json_is_object(marker)) {
            s = STYLE_FAIL(ctx, "%s: \"marker\" must be an object", AT("marker"));
            goto done;
        }
        if ((s = style_number(ctx, &src, "marker", marker, "size", 1, 72, &st->marker_size)) ||
            (s = style_color(ctx, &src, "marker", NULL, marker, "stroke", "marker.",
                             &st->marker_stroke)) ||
            (s = style_number(ctx, &src, "marker", marker, "stroke_width", 0, 10,
                              &st->marker_stroke_width)) ||
            (s = style_number(ctx, &src, "marker", marker, "fade_oldest", 0, 1,
                              &st->fade_oldest)))
            goto done;
    }
    if ((v = json_object_get(root, "date_ramp"))) {
        size_t n = json_is_array(v) ? json_array_size(v) : 0;
        if (n < 2 || n > IM_MAX_RAMP) {
            s = STYLE_FAIL(ctx, "%s: \"date_ramp\" must be an array of 2 to %d colours",
                           AT("date_ramp"), IM_MAX_RAMP);
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            json_t *c = json_array_get(v, i);
            if (!json_is_string(c) || !im_parse_color(json_string_value(c), &st->ramp[i])) {
                s = STYLE_FAIL(ctx, "%s: date_ramp[%zu] is not a colour",
                               style_at_index(&src, "date_ramp", NULL, i), i);
                goto done;
            }
        }
        st->n_ramp = (int)n;
    }
    if ((v = json_object_get(root, "font"))) {
        if (!json_is_string(v) || json_string_length(v) == 0 ||
            json_string_length(v) >= sizeof st->font) {
            s = STYLE_FAIL(ctx, "%s: \"font\" must be a font family name", AT("font"));
            goto done;
        }
        snprintf(st->font, sizeof st->font, "%s", json_string_value(v));
    }
    if ((s = style_number(ctx, &src, NULL, root, "title_size", 2, 200, &st->title_size)) ||
        (s = style_number(ctx, &src, NULL, root, "subtitle_size", 2, 200, &st->subtitle_size)) ||
        (s = style_number(ctx, &src, NULL, root, "body_size", 2, 200, &st->body_size)) ||
        (s = style_number(ctx, &src, NULL, root, "small_size", 2, 200, &st->small_size)))
        goto done;
#undef AT
done:
    json_decref(root);
    return s;
}

/* ---- bundled themes (data/themes/, compiled in) ---------------------- */

im_status im_context_load_theme(im_context *ctx, const char *name)
{
    static const struct {
        const char *name;
        const unsigned char *json;
        size_t size;
    } themes[] = {
        {"light", im_theme_light_json, sizeof im_theme_light_json - 1},
        {"dark", im_theme_dark_json, sizeof im_theme_dark_json - 1},
        {"print", im_theme_print_json, sizeof im_theme_print_json - 1},
    };
    if (!ctx)
        return IM_ERR_ARG;
    for (size_t i = 0; name && i < sizeof themes / sizeof themes[0]; i++)
        if (strcmp(name, themes[i].name) == 0) {
            char where[64];
            snprintf(where, sizeof where, "data/themes/%s.json", name);
            return im_style_load_buffer(ctx, &ctx->style, where, (const char *)themes[i].json,
                                        themes[i].size);
        }
    return im_fail(ctx, IM_ERR_ARG, "--theme \"%.60s\": expected light, dark or print (or "
                                    "give a style file with a \"theme\" with --style)",
                   name ? name : "");
}
