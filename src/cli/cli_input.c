/* cli_input.c - the options that say how inputs are read, for render,
 * validate, info and the jobs of a batch manifest (same names and checks
 * everywhere): --field, --strict, --skip-invalid, --dedupe, --preset,
 * --date-format, --date-order, --layer-name. */
#include "cli.h"

#include <string.h>

static const struct {
    const char *name;
    bool value;
} input_options[] = {
    {"field", true},       {"strict", false},      {"skip-invalid", false},
    {"dedupe", true},      {"preset", true},       {"date-format", true},
    {"date-order", true},  {"layer-name", true},
};

int cli_input_kind(const char *name)
{
    for (size_t i = 0; i < sizeof input_options / sizeof input_options[0]; i++)
        if (strcmp(name, input_options[i].name) == 0)
            return input_options[i].value ? 1 : 0;
    return -1;
}

int cli_input_apply(cli *c, im_context *ctx, const char *where, const char *name,
                    const char *v)
{
    im_status st = IM_OK;
    if (strcmp(name, "strict") == 0) {
        im_context_set_strict(ctx, 1);
    } else if (strcmp(name, "skip-invalid") == 0) {
        im_context_set_skip_invalid(ctx, 1);
    } else if (strcmp(name, "dedupe") == 0) {
        if (strcmp(v, "id") != 0)
            return cli_usage_error(c, "%s: --dedupe \"%s\": expected id (records with an id "
                                      "seen before are dropped)", where, v);
        im_context_set_dedupe(ctx, 1);
    } else if (strcmp(name, "field") == 0) {
        const char *eq = strchr(v, '=');
        char field[64];
        if (!eq || eq == v || !eq[1] || (size_t)(eq - v) >= sizeof field)
            return cli_usage_error(c, "%s: --field \"%s\": expected FIELD=NAME, e.g. "
                                      "weapon=attack_type", where, v);
        memcpy(field, v, (size_t)(eq - v));
        field[eq - v] = '\0';
        st = im_context_set_field(ctx, field, eq + 1);
    } else if (strcmp(name, "preset") == 0) {
        st = im_context_set_preset(ctx, v);
    } else if (strcmp(name, "date-format") == 0) {
        st = im_context_set_date_format(ctx, v);
    } else if (strcmp(name, "date-order") == 0) {
        st = im_context_set_date_order(ctx, v);
    } else if (strcmp(name, "layer-name") == 0) {
        st = im_context_set_layer_name(ctx, v);
    } else {
        return -1;
    }
    return st == IM_OK ? CLI_OK : CLI_USAGE;
}
