/* style.c - the weapon taxonomy, palette, marker shapes, fonts and sizes.
 * The built-in default is the same as data/style.json (a test checks it). */
#include "im_private.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name, *label, *color;
    im_shape shape;
} default_weapons[] = {
    {"rocket", "Rocket", "#D55E00", IM_SHAPE_TRIANGLE},
    {"drone", "Drone", "#0072B2", IM_SHAPE_DIAMOND},
    {"mortar", "Mortar", "#E69F00", IM_SHAPE_CIRCLE},
    {"ied", "IED", "#009E73", IM_SHAPE_SQUARE},
    {"missile", "Missile", "#CC79A7", IM_SHAPE_STAR},
    {"small-arms", "Small arms", "#56B4E9", IM_SHAPE_CROSS},
    {"other", "Other", "#7F7F7F", IM_SHAPE_CIRCLE},
};

static const char *const default_aliases[][2] = {
    {"107mm", "rocket"}, {"122mm", "rocket"}, {"katyusha", "rocket"}, {"grad", "rocket"},
    {"rockets", "rocket"}, {"uav", "drone"}, {"uas", "drone"}, {"drones", "drone"},
    {"drone strike", "drone"}, {"suicide drone", "drone"}, {"loitering munition", "drone"},
    {"mortars", "mortar"}, {"efp", "ied"}, {"roadside bomb", "ied"}, {"vbied", "ied"},
    {"ballistic missile", "missile"}, {"missiles", "missile"}, {"gunfire", "small-arms"},
    {"small arms", "small-arms"}, {"smallarms", "small-arms"}, {"rpg", "rocket"},
    /* ACLED's sub_event_type. "Shelling/artillery/missile attack" is indirect
     * fire, which in ACLED's Iraq and Syria coding is overwhelmingly rockets
     * (and mortars) on bases; "missile" here means ballistic or cruise
     * missiles, which ACLED does not separate, so rocket is the honest
     * default. ACLED's event types that are no attack by a weapon (battles,
     * protests, riots, strategic developments) are drawn as "other" without a
     * warning; filter them out with --weapon. */
    {"air/drone strike", "drone"}, {"shelling/artillery/missile attack", "rocket"},
    {"remote explosive/landmine/ied", "ied"}, {"suicide bomb", "ied"}, {"grenade", "other"},
    {"chemical weapon", "other"}, {"armed clash", "other"}, {"attack", "other"},
    {"abduction/forced disappearance", "other"}, {"sexual violence", "other"},
    {"government regains territory", "other"}, {"non-state actor overtakes territory", "other"},
    {"peaceful protest", "other"}, {"protest with intervention", "other"},
    {"excessive force against protesters", "other"}, {"violent demonstration", "other"},
    {"mob violence", "other"}, {"agreement", "other"}, {"arrests", "other"},
    {"change to group/activity", "other"}, {"disrupted weapons use", "other"},
    {"headquarters or base established", "other"}, {"looting/property destruction", "other"},
    {"non-violent transfer of territory", "other"},
};

static const char *const default_ramp[] = {"#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"};

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
    for (size_t i = 0; i < sizeof default_weapons / sizeof default_weapons[0]; i++) {
        im_weapon_style *w = &st->weapons[st->n_weapons++];
        snprintf(w->name, sizeof w->name, "%s", default_weapons[i].name);
        snprintf(w->label, sizeof w->label, "%s", default_weapons[i].label);
        im_parse_color(default_weapons[i].color, &w->color);
        w->shape = default_weapons[i].shape;
    }
    st->other = weapon_index(st, "other");
    for (size_t i = 0; i < sizeof default_aliases / sizeof default_aliases[0]; i++)
        if (set_alias(st, default_aliases[i][0], weapon_index(st, default_aliases[i][1])) != IM_OK) {
            im_style_clear(st);
            return IM_ERR_NOMEM;
        }
    st->marker_size = 7.0;
    im_parse_color("#ffffff", &st->marker_stroke);
    st->marker_stroke_width = 0.6;
    st->fade_oldest = 0.35; /* the oldest keeps 65 % of its hue: faded, never gone */
    for (size_t i = 0; i < sizeof default_ramp / sizeof default_ramp[0]; i++)
        im_parse_color(default_ramp[i], &st->ramp[st->n_ramp++]);
    snprintf(st->font, sizeof st->font, "Noto Sans");
    st->title_size = 15;
    st->subtitle_size = 10;
    st->body_size = 8;
    st->small_size = 6.5;
    return IM_OK;
}

int im_style_weapon_lookup(const im_style *st, const char *raw)
{
    /* Trim spaces; compare case-insensitively against names, then aliases. */
    char buf[64];
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

/* ---- loading a style file ------------------------------------------ */

static im_status style_number(im_context *ctx, const char *path, json_t *obj,
                              const char *key, double lo, double hi, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return IM_OK;
    if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
        json_number_value(v) < lo || json_number_value(v) > hi)
        return im_fail(ctx, IM_ERR_STYLE, "%s: \"%s\" must be a number in [%g, %g]", path,
                       key, lo, hi);
    *out = json_number_value(v);
    return IM_OK;
}

static im_status style_color(im_context *ctx, const char *path, json_t *obj,
                             const char *key, const char *where, im_rgba *out)
{
    json_t *v = json_object_get(obj, key);
    if (!v)
        return IM_OK;
    if (!json_is_string(v) || !im_parse_color(json_string_value(v), out))
        return im_fail(ctx, IM_ERR_STYLE, "%s: %s\"%s\" must be a colour like \"#d55e00\"",
                       path, where, key);
    return IM_OK;
}

static im_status load_weapons(im_context *ctx, im_style *st, const char *path, json_t *ws)
{
    if (!json_is_object(ws))
        return im_fail(ctx, IM_ERR_STYLE, "%s: \"weapons\" must be an object", path);
    const char *key;
    json_t *w;
    json_object_foreach(ws, key, w) {
        char where[96];
        snprintf(where, sizeof where, "weapons.%.40s.", key);
        if (!json_is_object(w))
            return im_fail(ctx, IM_ERR_STYLE, "%s: weapons.%s must be an object", path, key);
        if (strlen(key) == 0 || strlen(key) >= sizeof st->weapons[0].name)
            return im_fail(ctx, IM_ERR_STYLE, "%s: weapon name \"%.40s\" is empty or too long",
                           path, key);
        int i = weapon_index(st, key);
        if (i < 0) {
            if (st->n_weapons >= IM_MAX_WEAPONS)
                return im_fail(ctx, IM_ERR_STYLE, "%s: more than %d weapon types", path,
                               IM_MAX_WEAPONS);
            i = st->n_weapons++;
            im_weapon_style *nw = &st->weapons[i];
            memset(nw, 0, sizeof *nw);
            for (size_t k = 0; key[k]; k++)
                nw->name[k] = (char)tolower((unsigned char)key[k]);
            snprintf(nw->label, sizeof nw->label, "%s", key);
            nw->color = st->weapons[st->other].color;
            nw->shape = IM_SHAPE_CIRCLE;
        }
        im_weapon_style *ws1 = &st->weapons[i];
        json_t *label = json_object_get(w, "label");
        if (label) {
            if (!json_is_string(label) || json_string_length(label) >= sizeof ws1->label)
                return im_fail(ctx, IM_ERR_STYLE, "%s: %slabel must be a string under %zu bytes",
                               path, where, sizeof ws1->label);
            snprintf(ws1->label, sizeof ws1->label, "%s", json_string_value(label));
        }
        im_status s = style_color(ctx, path, w, "color", where, &ws1->color);
        if (s != IM_OK)
            return s;
        json_t *shape = json_object_get(w, "shape");
        if (shape) {
            int found = -1;
            for (int k = 0; k < IM_SHAPE_COUNT && json_is_string(shape); k++)
                if (strcmp(json_string_value(shape), shape_names[k]) == 0)
                    found = k;
            if (found < 0)
                return im_fail(ctx, IM_ERR_STYLE,
                               "%s: %sshape must be one of circle, triangle, diamond, square, "
                               "star, cross", path, where);
            ws1->shape = (im_shape)found;
        }
    }
    return IM_OK;
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
    im_status s = IM_OK;
    json_error_t err;
    json_t *root = json_loadb(text, size, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return im_fail(ctx, IM_ERR_STYLE, "%s:%d:%d: %s", path, err.line, err.column, err.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return im_fail(ctx, IM_ERR_STYLE, "%s: a style file must hold a JSON object", path);
    }
    json_t *v;
    if ((v = json_object_get(root, "weapons")) && (s = load_weapons(ctx, st, path, v)) != IM_OK)
        goto done;
    if ((v = json_object_get(root, "aliases"))) {
        if (!json_is_object(v)) {
            s = im_fail(ctx, IM_ERR_STYLE, "%s: \"aliases\" must be an object", path);
            goto done;
        }
        const char *key;
        json_t *target;
        json_object_foreach(v, key, target) {
            int w = json_is_string(target) ? weapon_index(st, json_string_value(target)) : -1;
            if (w < 0) {
                s = im_fail(ctx, IM_ERR_STYLE, "%s: aliases.%.60s must name a weapon type",
                            path, key);
                goto done;
            }
            if (strlen(key) == 0 || strlen(key) > 60) {
                s = im_fail(ctx, IM_ERR_STYLE, "%s: alias \"%.60s\" is empty or too long", path,
                            key);
                goto done;
            }
            if (set_alias(st, key, w) != IM_OK) {
                s = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                goto done;
            }
        }
    }
    json_t *marker = json_object_get(root, "marker");
    if (marker) {
        if (!json_is_object(marker)) {
            s = im_fail(ctx, IM_ERR_STYLE, "%s: \"marker\" must be an object", path);
            goto done;
        }
        if ((s = style_number(ctx, path, marker, "size", 1, 72, &st->marker_size)) ||
            (s = style_color(ctx, path, marker, "stroke", "marker.", &st->marker_stroke)) ||
            (s = style_number(ctx, path, marker, "stroke_width", 0, 10,
                              &st->marker_stroke_width)) ||
            (s = style_number(ctx, path, marker, "fade_oldest", 0, 1, &st->fade_oldest)))
            goto done;
    }
    if ((v = json_object_get(root, "date_ramp"))) {
        size_t n = json_is_array(v) ? json_array_size(v) : 0;
        if (n < 2 || n > IM_MAX_RAMP) {
            s = im_fail(ctx, IM_ERR_STYLE, "%s: \"date_ramp\" must be an array of 2 to %d colours",
                        path, IM_MAX_RAMP);
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            json_t *c = json_array_get(v, i);
            if (!json_is_string(c) || !im_parse_color(json_string_value(c), &st->ramp[i])) {
                s = im_fail(ctx, IM_ERR_STYLE, "%s: date_ramp[%zu] is not a colour", path, i);
                goto done;
            }
        }
        st->n_ramp = (int)n;
    }
    if ((v = json_object_get(root, "font"))) {
        if (!json_is_string(v) || json_string_length(v) == 0 ||
            json_string_length(v) >= sizeof st->font) {
            s = im_fail(ctx, IM_ERR_STYLE, "%s: \"font\" must be a font family name", path);
            goto done;
        }
        snprintf(st->font, sizeof st->font, "%s", json_string_value(v));
    }
    if ((s = style_number(ctx, path, root, "title_size", 2, 200, &st->title_size)) ||
        (s = style_number(ctx, path, root, "subtitle_size", 2, 200, &st->subtitle_size)) ||
        (s = style_number(ctx, path, root, "body_size", 2, 200, &st->body_size)) ||
        (s = style_number(ctx, path, root, "small_size", 2, 200, &st->small_size)))
        goto done;
done:
    json_decref(root);
    return s;
}
