// Calling a kernel's top function from a packed argv (kernel_model.h) when some of its
// arguments are hls::stream references.
//
// For an argument of kind XRTEMU_ARG_STREAM the card passes argv[i] = the
// xrtemu_stream_port* of the kernel's end of the link.  The top function wants an
// hls::stream<T, D>&, so call() makes one local stream per such argument, attaches it to
// the port, and keeps it alive for the duration of the call.  Every other argument is
// unpacked by the caller's Fetch policy (the generated thunk and model_glue.hpp differ in
// how they treat references), so this header does not pull in hls_stream.h by itself: a
// kernel with stream arguments has already included it.
#pragma once

#include "xrtemu/kernel_model.h"

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace hls {
template <typename _AP_T, int _AP_DEPTH> class stream;
}

namespace xrtemu::stream_args {

template <class _AP_A> struct is_stream_ref : std::false_type {};
template <class _AP_T, int _AP_D> struct is_stream_ref<::hls::stream<_AP_T, _AP_D>&> : std::true_type {};
template <class _AP_A> constexpr bool is_stream_ref_v = is_stream_ref<_AP_A>::value;

// Storage that argument A needs while the kernel runs: nothing, or an attached stream.
template <class _AP_A, bool = is_stream_ref_v<_AP_A>> struct holder {
  explicit holder(void*) {}
};
template <class _AP_A> struct holder<_AP_A, true> {
  std::remove_reference_t<_AP_A> stream;
  explicit holder(void* port) { stream.attach(static_cast<const xrtemu_stream_port*>(port)); }
};

template <class _AP_A, class Fetch>
_AP_A get(holder<_AP_A, true>& h, void* const*, std::size_t) { return h.stream; }
template <class _AP_A, class Fetch>
_AP_A get(holder<_AP_A, false>&, void* const* argv, std::size_t i) { return Fetch::template get<_AP_A>(argv, i); }

template <class Fetch, class _AP_R, class... _AP_A, std::size_t... _AP_I>
void call(_AP_R (*fn)(_AP_A...), void* const* argv, std::index_sequence<_AP_I...>)
{
  // Holders are built in place (streams can be neither copied nor moved) and outlive fn,
  // also when fn unwinds with hls::stream's stream_cancelled.
  std::tuple<holder<_AP_A>...> h(argv[_AP_I]...);
  (void)h;
  (void)argv;
  fn(get<_AP_A, Fetch>(std::get<_AP_I>(h), argv, _AP_I)...);
}

// fn(argv...): Fetch::get<A>(argv, i) returns argument i of type A for non-stream arguments.
template <class Fetch, class _AP_R, class... _AP_A>
void call(_AP_R (*fn)(_AP_A...), void* const* argv)
{
  call<Fetch>(fn, argv, std::index_sequence_for<_AP_A...>{});
}

} // namespace xrtemu::stream_args
