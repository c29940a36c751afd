/* main.c - the incmap executable: everything happens in incmap_cli_main(). */
#include "cli.h"

int main(int argc, char **argv)
{
    return incmap_cli_main(argc, argv, stdout, stderr);
}
