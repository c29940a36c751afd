/* embed.c - a program using libincmap as a user would: only <incmap.h>,
 * built against an installed prefix (through pkg-config or
 * find_package(incmap)) by tests/install/relocate.sh.
 * Usage: embed INPUT OUTPUT [BASEMAP]; prints the status name and exits with
 * the im_status (0 = IM_OK), so the test can tell a missing basemap
 * (IM_ERR_BASEMAP) from a success. */
#include <incmap.h>

#include <stdio.h>
#include <string.h>

static void on_log(void *user, im_log_level level, const char *message)
{
    (void)user;
    fprintf(stderr, "embed: %d: %s\n", (int)level, message);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 100;
    im_context *ctx = im_context_new();
    if (!ctx)
        return 101;
    im_context_set_log(ctx, on_log, NULL);
    im_incidents *set = im_incidents_new();
    im_status st = im_incidents_load(ctx, set, argv[1], IM_INPUT_AUTO);
    if (st == IM_OK) {
        im_render_options o;
        im_render_options_init(&o);
        o.width = 400;
        o.height = 300;
        o.title = "embedded";
        if (argc > 3)
            o.basemap = argv[3];
        st = im_render(ctx, set, &o, argv[2], IM_OUTPUT_AUTO);
    }
    printf("%s %s\n", im_version(), im_strerror(st));
    im_incidents_free(set);
    im_context_free(ctx);
    return (int)st;
}
