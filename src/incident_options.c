/* incident_options.c - how inputs are read: lenient loading, duplicates,
 * dataset presets, date forms and GIS layers (the context's settings). */
#include "im_private.h"

#include <string.h>

void im_context_set_skip_invalid(im_context *ctx, int on)
{
    if (ctx)
        ctx->skip_invalid = on != 0;
}

void im_context_set_dedupe(im_context *ctx, int on)
{
    if (ctx)
        ctx->dedupe = on != 0;
}

im_status im_context_set_preset(im_context *ctx, const char *name)
{
    if (!ctx)
        return IM_ERR_ARG;
    if (!name || strcmp(name, "auto") == 0) {
        ctx->preset = 0;
        return IM_OK;
    }
    for (int p = IM_PRESET_NONE; p <= IM_PRESET_GTD; p++)
        if (strcmp(name, im_preset_name((im_preset)p)) == 0) {
            ctx->preset = p + 1;
            return IM_OK;
        }
    return im_fail(ctx, IM_ERR_ARG, "preset \"%.40s\": expected acled, ucdp, gtd, none or auto",
                   name);
}

im_status im_context_set_date_format(im_context *ctx, const char *format)
{
    if (!ctx)
        return IM_ERR_ARG;
    if (!format || !*format) {
        ctx->date_format[0] = '\0';
        return IM_OK;
    }
    if (strlen(format) >= sizeof ctx->date_format)
        return im_fail(ctx, IM_ERR_ARG, "date format \"%.40s...\": longer than %zu bytes", format,
                       sizeof ctx->date_format - 1);
    /* Every directive must be one im_date_strptime() knows. */
    for (const char *p = format; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (!*p || !strchr("YymdebBhHMSjTFz%", *p))
            return im_fail(ctx, IM_ERR_ARG, "date format \"%.60s\": %%%c is not a directive "
                                             "incmap reads (%%Y %%y %%m %%d %%e %%b %%B %%h %%H "
                                             "%%M %%S %%j %%T %%F %%z %%%%)",
                           format, *p ? *p : ' ');
    }
    if (!strstr(format, "%Y") && !strstr(format, "%y") && !strstr(format, "%F"))
        return im_fail(ctx, IM_ERR_ARG, "date format \"%.60s\": has no year (%%Y or %%y)",
                       format);
    strcpy(ctx->date_format, format);
    return IM_OK;
}

im_status im_context_set_date_order(im_context *ctx, const char *order)
{
    if (!ctx)
        return IM_ERR_ARG;
    if (!order)
        ctx->date_order = 0;
    else if (strcmp(order, "dmy") == 0)
        ctx->date_order = 'd';
    else if (strcmp(order, "mdy") == 0)
        ctx->date_order = 'm';
    else
        return im_fail(ctx, IM_ERR_ARG, "date order \"%.40s\": expected dmy or mdy", order);
    return IM_OK;
}

im_status im_context_set_layer_name(im_context *ctx, const char *name)
{
    if (!ctx)
        return IM_ERR_ARG;
    if (name && strlen(name) >= sizeof ctx->layer_name)
        return im_fail(ctx, IM_ERR_ARG, "layer name longer than %zu bytes",
                       sizeof ctx->layer_name - 1);
    snprintf(ctx->layer_name, sizeof ctx->layer_name, "%s", name ? name : "");
    return IM_OK;
}

size_t im_incidents_skipped(const im_incidents *set) { return set ? set->skipped : 0; }

size_t im_incidents_dropped(const im_incidents *set) { return set ? set->dropped : 0; }
