// nanoflux: internal macros.
#ifndef NANOFLUX_DETAIL_CONFIG_HPP
#define NANOFLUX_DETAIL_CONFIG_HPP

// Inlined even at -O0 (g++ and clang honour always_inline there), so that the glue
// between dispatch() and the stores' on() costs nothing in debug builds either.
#if defined(__GNUC__) || defined(__clang__)
#define NANOFLUX_INLINE [[gnu::always_inline]] inline
#else
#define NANOFLUX_INLINE inline
#endif

#endif
