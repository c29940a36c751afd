/* fuzz_style.c - libFuzzer target for the style file parser. */
#include "fuzz.h"
#include "im_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    im_context *ctx = fuzz_context();
    im_style st;
    if (ctx && im_style_init_default(&st) == IM_OK) {
        if (im_style_load_buffer(ctx, &st, "fuzz-style.json", (const char *)data, size) != IM_OK)
            im_context_clear_error(ctx); /* rejected input is fine */
        /* Whatever loaded must be usable. */
        if (st.n_weapons < 1 || st.n_weapons > IM_MAX_WEAPONS || st.other < 0 ||
            st.other >= st.n_weapons || st.n_ramp < 2 || st.n_ramp > IM_MAX_RAMP)
            __builtin_trap();
        for (size_t i = 0; i < st.n_aliases; i++)
            if (st.aliases[i].weapon < 0 || st.aliases[i].weapon >= st.n_weapons)
                __builtin_trap();
        im_style_weapon_lookup(&st, "rocket");
        im_style_clear(&st);
    }
    im_context_free(ctx);
    return 0;
}
