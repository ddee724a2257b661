// The asm check of dispatcher_ref (dispatcher_ref.cmake): a dispatch through the
// reference is one indirect call (or jump), and nothing else is called.
#include <nanoflux/dispatcher_ref.hpp>

struct add { int v; };
struct reset {};
using ref = nanoflux::dispatcher_ref<nanoflux::actions<add, reset>>;

extern "C" void nf_ref_add(ref d, add const& a) { d(a); }
extern "C" void nf_ref_reset(ref d) { d.dispatch(reset{}); }
