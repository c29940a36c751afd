/* test_api.c - promises of the public API: a NULL argument is IM_ERR_ARG
 * with a message naming the function (never a bare status); PROJ's reason
 * for refusing a CRS reaches the message and the log callback; the log
 * callback sees every error the context keeps.
 * Usage: test_api TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "incmap.h"

#include <string.h>
#include <unistd.h>

static char g_logged[4096];

static void on_log(void *user, im_log_level level, const char *msg)
{
    (void)user;
    if (level == IM_LOG_ERROR)
        snprintf(g_logged, sizeof g_logged, "%s", msg);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char path[2048], out[2048];
    snprintf(path, sizeof path, "%s/render/one-rocket.json", argv[1]);
    snprintf(out, sizeof out, "%s/api-out.png", argv[2]);
    im_context *ctx = im_context_new();
    im_context_set_log(ctx, on_log, NULL);
    im_incidents *set = im_incidents_new();

    /* NULL arguments: a status and a message naming the function. */
    struct {
        const char *fn;
        im_status st;
    } calls[4];
    calls[0].fn = "im_incidents_load";
    calls[0].st = im_incidents_load(ctx, NULL, path, IM_INPUT_AUTO);
    im_context_clear_error(ctx);
    im_status st = im_incidents_load_buffer(ctx, set, NULL, "[]", 2, IM_INPUT_AUTO);
    calls[1].fn = "im_incidents_load_buffer";
    calls[1].st = st;
    CHECK(strstr(im_context_last_error(ctx), calls[1].fn) != NULL, "message: \"%s\"",
          im_context_last_error(ctx));
    im_context_clear_error(ctx);
    calls[2].fn = "im_render_ex";
    calls[2].st = im_render(ctx, set, NULL, out, IM_OUTPUT_AUTO);
    CHECK(strstr(im_context_last_error(ctx), calls[2].fn) != NULL, "message: \"%s\"",
          im_context_last_error(ctx));
    CHECK(strstr(g_logged, calls[2].fn) != NULL, "log: \"%s\"", g_logged);
    im_context_clear_error(ctx);
    im_render_options o;
    im_render_options_init(&o);
    im_job_result res;
    calls[3].fn = "im_manifest_job_run";
    calls[3].st = im_manifest_job_run(ctx, NULL, 0, &o, NULL, 0, &res);
    CHECK(strstr(im_context_last_error(ctx), calls[3].fn) != NULL, "message: \"%s\"",
          im_context_last_error(ctx));
    for (int i = 0; i < 4; i++)
        CHECK(calls[i].st == IM_ERR_ARG, "%s: status %d", calls[i].fn, (int)calls[i].st);
    /* Without a context there is nowhere to put a message: still IM_ERR_ARG. */
    CHECK(im_incidents_load(NULL, set, path, IM_INPUT_AUTO) == IM_ERR_ARG, "NULL context");

    /* PROJ's reason. */
    im_context_clear_error(ctx);
    CHECK(im_incidents_load(ctx, set, path, IM_INPUT_AUTO) == IM_OK, "%s",
          im_context_last_error(ctx));
    o.basemap = "none";
    o.crs = "+proj=lcc +lat_1=abc";
    CHECK(im_render(ctx, set, &o, out, IM_OUTPUT_AUTO) == IM_ERR_CRS, "bad CRS accepted");
    CHECK(strstr(im_context_last_error(ctx), "lat_1") != NULL, "no PROJ reason: \"%s\"",
          im_context_last_error(ctx));
    CHECK(strstr(g_logged, "lat_1") != NULL, "log: \"%s\"", g_logged);
    /* A later good CRS carries no stale PROJ complaint. */
    im_context_clear_error(ctx);
    g_logged[0] = '\0';
    o.crs = "EPSG:32638";
    CHECK(im_render(ctx, set, &o, out, IM_OUTPUT_AUTO) == IM_OK, "%s", im_context_last_error(ctx));
    CHECK(g_logged[0] == '\0', "an error was logged on success: \"%s\"", g_logged);

    /* Colour by a field with no field named (NULL or ""): IM_ERR_ARG, no file. */
    for (int k = 0; k < 2; k++) {
        char none[2100];
        snprintf(none, sizeof none, "%s.no-field-%d.png", out, k);
        im_render_options f = o;
        f.color_by = IM_COLOR_BY_FIELD;
        f.color_field = k == 0 ? NULL : "";
        im_context_clear_error(ctx);
        CHECK(im_render(ctx, set, &f, none, IM_OUTPUT_AUTO) == IM_ERR_ARG,
              "colour by field %s accepted", k == 0 ? "NULL" : "\"\"");
        CHECK(strstr(im_context_last_error(ctx), "no field named") != NULL, "message: \"%s\"",
              im_context_last_error(ctx));
        CHECK(access(none, F_OK) != 0, "%s was created", none);
    }
    im_context_clear_error(ctx);

    /* A long output template grows its buffer: the expanded path is whole
     * (under ASan also: no write past the end). */
    char mpath[2048], name[61];
    memset(name, 'n', 60);
    name[60] = '\0';
    snprintf(mpath, sizeof mpath, "%s/api-long.json", argv[2]);
    FILE *f = fopen(mpath, "w");
    fprintf(f, "{\"incmap_manifest\": 1, \"defaults\": {\"inputs\": [\"x.json\"]}, \"jobs\": "
               "[{\"name\": \"%s\", \"output\": \"{name}/{name}/{name}/{name}/{name}/{name}.png\", "
               "\"basemap\": \"none\"}]}\n", name);
    fclose(f);
    im_manifest *m = NULL;
    im_context_clear_error(ctx);
    CHECK(im_manifest_load(ctx, mpath, &m) == IM_OK, "%s", im_context_last_error(ctx));
    if (m) {
        im_job_output *outs = NULL;
        size_t n = 0;
        CHECK(im_manifest_job_outputs(ctx, m, 0, NULL, &outs, &n) == IM_OK && n == 1, "%s",
              im_context_last_error(ctx));
        char want[512];
        snprintf(want, sizeof want, "/%s/%s/%s/%s/%s/%s.png", name, name, name, name, name, name);
        CHECK(n == 1 && strlen(outs[0].path) >= strlen(want) &&
                  strcmp(outs[0].path + strlen(outs[0].path) - strlen(want), want) == 0,
              "expanded: %s", n ? outs[0].path : "(none)");
        im_job_outputs_free(outs, n);
        im_manifest_free(m);
    }
    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("test_api");
}
