/* imgdiff.c - compare two PNGs: the share of pixels whose largest channel
 * difference exceeds 64, and the mean absolute difference. Exit 0 when
 * both are within the limits given, 1 otherwise.
 * Usage: imgdiff A.png B.png MAX_BAD_PERCENT MAX_MEAN */
#include "../unit/testutil.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: imgdiff A.png B.png MAX_BAD_PERCENT MAX_MEAN\n");
        return 2;
    }
    unsigned w1, h1, w2, h2;
    unsigned char *a = tu_read_rgba(argv[1], &w1, &h1), *b = tu_read_rgba(argv[2], &w2, &h2);
    if (!a || !b || w1 != w2 || h1 != h2) {
        fprintf(stderr, "imgdiff: cannot compare %s (%ux%u) and %s (%ux%u)\n", argv[1], w1, h1,
                argv[2], w2, h2);
        return 1;
    }
    double frac, mean;
    tu_image_diff(a, b, (size_t)w1 * h1, &frac, &mean);
    double pct = 100.0 * frac;
    printf("%s vs %s: %.3f%% pixels off, mean %.2f\n", argv[1], argv[2], pct, mean);
    free(a);
    free(b);
    return pct <= atof(argv[3]) && mean <= atof(argv[4]) ? 0 : 1;
}
