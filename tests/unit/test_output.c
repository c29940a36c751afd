/* test_output.c - output.c without a render: outputs replace their target
 * whole or not at all, through symbolic links, in place for descriptors and
 * FIFOs, with messages naming the path; temporaries are recognised by name
 * and never left behind. (tests/hostile/ checks the same through the
 * binary, slowly; this is the fast check the mutation run relies on.)
 *
 * Usage: test_output TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char g_dir[1024];

static const char *at(const char *name)
{
    static char buf[4][1300];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", g_dir, name);
    return buf[k];
}

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void spit(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* Entries of the scratch folder that are not in the expected list. */
static int strays(void)
{
    DIR *d = opendir(g_dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strstr(e->d_name, ".incmap-")) {
            fprintf(stderr, "stray temporary: %s\n", e->d_name);
            n++;
        }
    if (d)
        closedir(d);
    return n;
}

/* Empty the scratch folder (two levels): each run starts clean. */
static void empty(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[1400];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (depth > 0)
                empty(p, depth - 1);
            rmdir(p);
        } else {
            unlink(p);
        }
    }
    if (d)
        closedir(d);
}

static const char *err(im_context *ctx) { return im_context_last_error(ctx); }

static void temp_names(void)
{
    CHECK(im_out_is_temp(".map.png.incmap-a1b2c3d4e5f6.tmp", "map.png"), "a temporary not known");
    CHECK(im_out_is_temp(".m.incmap-000000000000.tmp", "m"), "an all-digit temporary not known");
    CHECK(!im_out_is_temp("map.png.incmap-a1b2c3d4e5f6.tmp", "map.png"), "no leading dot");
    CHECK(!im_out_is_temp(".map.png.incmap-a1b2c3d4e5f.tmp", "map.png"), "11 random characters");
    CHECK(!im_out_is_temp(".map.png.incmap-a1b2c3d4e5f6a.tmp", "map.png"), "13 random characters");
    CHECK(!im_out_is_temp(".map.png.incmap-A1B2C3D4E5F6.tmp", "map.png"), "capitals");
    CHECK(!im_out_is_temp(".map.png.incmap-a1b2c3d4e5-6.tmp", "map.png"), "a dash");
    CHECK(!im_out_is_temp(".map.png.incmap-a1b2c3d4e5f6.tmq", "map.png"), "another suffix");
    CHECK(!im_out_is_temp(".map.png.backup-a1b2c3d4e5f6.tmp", "map.png"), "another tag");
    CHECK(!im_out_is_temp(".map.svg.incmap-a1b2c3d4e5f6.tmp", "map.png"), "another base");
    CHECK(!im_out_is_temp(".map.png", "map.png"), "the base alone");
}

static void replace_whole(im_context *ctx)
{
    const char *path = at("map.txt");
    unlink(path);
    im_out o;
    mode_t mask = umask(077); /* outputs are ordinary files, whatever the umask */
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, path, &o) == IM_OK, "open %s: %s", path, err(ctx));
    fputs("new map", o.fp);
    fflush(o.fp);
    CHECK(access(path, F_OK) != 0, "the target exists before the commit");
    CHECK(im_out_commit(ctx, &o) == IM_OK, "commit: %s", err(ctx));
    const char *got = slurp(path);
    CHECK(got && !strcmp(got, "new map"), "the target holds '%s'", got ? got : "(none)");
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644, "mode %o, want 644",
          (unsigned)(sb.st_mode & 0777));
    umask(mask);
    /* an abort leaves yesterday's file */
    CHECK(im_out_open(ctx, path, &o) == IM_OK, "reopen: %s", err(ctx));
    CHECK(o.existed, "an existing target not noted");
    fputs("half a ma", o.fp);
    im_out_abort(&o);
    got = slurp(path);
    CHECK(got && !strcmp(got, "new map"), "after an abort the target holds '%s'",
          got ? got : "(none)");
    CHECK(strays() == 0, "temporaries left after an abort");
    /* im_out_write_text: whole text, replaced */
    CHECK(im_out_write_text(ctx, path, "0.5\n0\n") == IM_OK, "write_text: %s", err(ctx));
    got = slurp(path);
    CHECK(got && !strcmp(got, "0.5\n0\n"), "write_text wrote '%s'", got ? got : "(none)");
    CHECK(strays() == 0, "temporaries left after a commit");
}

/* A group: nothing renamed before every member is complete; a failing
 * member (its folder removed under it) leaves no new file behind. */
static void group(im_context *ctx)
{
    const char *a = at("side.wld"), *b = at("sub/main.png");
    mkdir(at("sub"), 0755);
    unlink(a);
    im_out oa, ob;
    if (im_out_open(ctx, a, &oa) != IM_OK || im_out_open(ctx, b, &ob) != IM_OK) {
        CHECK(0, "open the group: %s", err(ctx));
        return;
    }
    fputs("1\n", oa.fp);
    fputs("png", ob.fp);
    im_out *both[2] = {&oa, &ob};
    CHECK(im_out_commit_all(ctx, both, 2) == IM_OK, "group commit: %s", err(ctx));
    CHECK(access(a, F_OK) == 0 && access(b, F_OK) == 0, "the group is not in place");
    unlink(a);
    unlink(b);
    /* second: the main file's folder goes away before the commit */
    if (im_out_open(ctx, a, &oa) != IM_OK || im_out_open(ctx, b, &ob) != IM_OK) {
        CHECK(0, "open the group again: %s", err(ctx));
        return;
    }
    fputs("1\n", oa.fp);
    fputs("png", ob.fp);
    char sub_tmp[1400];
    snprintf(sub_tmp, sizeof sub_tmp, "%s", ob.tmp ? ob.tmp : "");
    if (ob.named)
        unlink(sub_tmp);
    rmdir(at("sub"));
    bool sub_gone = access(at("sub"), F_OK) != 0;
    im_context_clear_error(ctx);
    im_status st = im_out_commit_all(ctx, both, 2);
    if (sub_gone) {
        CHECK(st == IM_ERR_IO_WRITE && strstr(err(ctx), "main.png"),
              "a group whose folder went away: %d '%s'", st, err(ctx));
        CHECK(access(a, F_OK) != 0, "a sidecar left in place without its map");
    }
    CHECK(strays() == 0, "temporaries left after a failed group");
    /* third: the map's rename fails (a folder took its name meanwhile):
     * the sidecar renamed before it is removed again, being new */
    const char *m = at("main2.png");
    unlink(a);
    if (im_out_open(ctx, a, &oa) != IM_OK || im_out_open(ctx, m, &ob) != IM_OK) {
        CHECK(0, "open the third group: %s", err(ctx));
        return;
    }
    fputs("1\n", oa.fp);
    fputs("png", ob.fp);
    mkdir(m, 0755);
    spit(at("main2.png/keep"), "x");
    im_context_clear_error(ctx);
    st = im_out_commit_all(ctx, both, 2);
    CHECK(st == IM_ERR_IO_WRITE && strstr(err(ctx), "main2.png: cannot write the output"),
          "a map whose rename fails: %d '%s'", st, err(ctx));
    CHECK(access(a, F_OK) != 0, "the new sidecar left in place without its map");
    CHECK(strays() == 0, "temporaries left after a failed rename");
    unlink(at("main2.png/keep"));
    rmdir(m);
}

static void links(im_context *ctx)
{
    const char *real = at("real.txt"), *l1 = at("link1.txt"), *l2 = at("link2.txt");
    unlink(real);
    unlink(l1);
    unlink(l2);
    spit(real, "old");
    CHECK(symlink("real.txt", l1) == 0 && symlink("link1.txt", l2) == 0, "symlink: %s",
          strerror(errno));
    CHECK(im_out_write_text(ctx, l2, "through two links") == IM_OK, "through links: %s",
          err(ctx));
    struct stat sb;
    CHECK(lstat(l1, &sb) == 0 && S_ISLNK(sb.st_mode) && lstat(l2, &sb) == 0 &&
              S_ISLNK(sb.st_mode),
          "a link was replaced by a file");
    const char *got = slurp(real);
    CHECK(got && !strcmp(got, "through two links"), "the linked file holds '%s'",
          got ? got : "(none)");
    /* a link named from the current folder, without a '/' */
    char cwd[1024];
    if (getcwd(cwd, sizeof cwd) && chdir(g_dir) == 0) {
        unlink("here.txt");
        CHECK(symlink("real.txt", "here.txt") == 0, "symlink: %s", strerror(errno));
        im_context_clear_error(ctx);
        CHECK(im_out_write_text(ctx, "here.txt", "from here") == IM_OK, "a bare link: %s",
              err(ctx));
        CHECK(lstat("here.txt", &sb) == 0 && S_ISLNK(sb.st_mode), "a bare link was replaced");
        got = slurp("real.txt");
        CHECK(got && !strcmp(got, "from here"), "through a bare link: '%s'", got ? got : "");
        CHECK(chdir(cwd) == 0, "chdir back");
    }
    /* an absolute dangling link names the file to create */
    const char *made = at("made.txt"), *dl = at("dangling.txt");
    unlink(made);
    unlink(dl);
    CHECK(symlink(made, dl) == 0, "symlink: %s", strerror(errno));
    im_context_clear_error(ctx);
    CHECK(im_out_write_text(ctx, dl, "created") == IM_OK, "through a dangling link: %s", err(ctx));
    got = slurp(made);
    CHECK(got && !strcmp(got, "created"), "the dangling link's file holds '%s'",
          got ? got : "(none)");
    CHECK(lstat(dl, &sb) == 0 && S_ISLNK(sb.st_mode), "the dangling link was replaced");
    /* a loop */
    const char *la = at("loop-a"), *lb = at("loop-b");
    unlink(la);
    unlink(lb);
    CHECK(symlink("loop-b", la) == 0 && symlink("loop-a", lb) == 0, "symlink: %s",
          strerror(errno));
    im_context_clear_error(ctx);
    im_status st = im_out_write_text(ctx, la, "x");
    CHECK(st == IM_ERR_IO_WRITE && strstr(err(ctx), "too many levels of symbolic links") &&
              strstr(err(ctx), "loop-a"),
          "a link loop: %d '%s'", st, err(ctx));
}

static void refused(im_context *ctx)
{
    im_out o;
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, "", &o) == IM_ERR_ARG && strstr(err(ctx), "no output path"),
          "an empty path: '%s'", err(ctx));
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, g_dir, &o) == IM_ERR_IO_WRITE && strstr(err(ctx), "is a folder"),
          "a folder: '%s'", err(ctx));
    char slash[1300];
    snprintf(slash, sizeof slash, "%s/", g_dir);
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, slash, &o) == IM_ERR_IO_WRITE && strstr(err(ctx), "is a folder"),
          "a path ending in '/': '%s'", err(ctx));
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, at("not-yet/"), &o) == IM_ERR_IO_WRITE && strstr(err(ctx), "is a folder"),
          "a new path ending in '/': '%s'", err(ctx));
    /* "/dev/fd/" names no descriptor (not standard output) */
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, "/dev/fd/", &o) == IM_ERR_IO_WRITE && strstr(err(ctx), "is a folder"),
          "/dev/fd/ opened as a descriptor: '%s'", err(ctx));
    if (o.fp)
        im_out_abort(&o);
    im_context_clear_error(ctx);
    const char *missing = at("no-such-folder/map.png");
    CHECK(im_out_open(ctx, missing, &o) == IM_ERR_IO_WRITE &&
              strstr(err(ctx), "the output folder does not exist") &&
              strstr(err(ctx), "no-such-folder/map.png"),
          "a missing folder: '%s'", err(ctx));
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, "/dev/fd/987", &o) == IM_ERR_IO_WRITE &&
              strstr(err(ctx), "descriptor 987 is not open"),
          "a closed descriptor: '%s'", err(ctx));
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, "/proc/self/fd/986", &o) == IM_ERR_IO_WRITE &&
              strstr(err(ctx), "descriptor 986 is not open"),
          "a closed /proc descriptor: '%s'", err(ctx));
    CHECK(strays() == 0, "temporaries left after refusals");
}

/* /dev/fd/N of a pipe and a FIFO: written in place, never renamed over. */
static void through(im_context *ctx)
{
    int p[2];
    if (pipe(p) != 0)
        return;
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", p[1]);
    im_out o;
    im_context_clear_error(ctx);
    CHECK(im_out_open(ctx, path, &o) == IM_OK && o.through && !o.tmp, "%s: %s", path, err(ctx));
    if (o.fp) {
        fputs("piped", o.fp);
        CHECK(im_out_commit(ctx, &o) == IM_OK, "commit to a pipe: %s", err(ctx));
    }
    close(p[1]);
    char buf[32] = {0};
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    CHECK(n == 5 && !strcmp(buf, "piped"), "the pipe got '%s'", buf);
    close(p[0]);

    const char *fifo = at("fifo");
    unlink(fifo);
    if (mkfifo(fifo, 0600) != 0)
        return;
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    CHECK(im_out_write_text(ctx, fifo, "to a fifo") == IM_OK, "a FIFO: %s", err(ctx));
    memset(buf, 0, sizeof buf);
    n = read(rd, buf, sizeof buf - 1);
    CHECK(n == 9 && !strcmp(buf, "to a fifo"), "the FIFO got '%s'", buf);
    close(rd);
    struct stat sb;
    CHECK(lstat(fifo, &sb) == 0 && S_ISFIFO(sb.st_mode), "the FIFO was replaced");
    unlink(fifo);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char cwd[512] = "";
    if (argv[2][0] != '/' && !getcwd(cwd, sizeof cwd))
        return 2;
    snprintf(g_dir, sizeof g_dir, "%s%s%s/output-unit", cwd, *cwd ? "/" : "", argv[2]);
    mkdir(g_dir, 0755);
    empty(g_dir, 2);
    im_context *ctx = im_context_new();
    temp_names();
    replace_whole(ctx);
    group(ctx);
    links(ctx);
    refused(ctx);
    through(ctx);
    im_context_free(ctx);
    return check_result("output");
}
