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
template <typename T, int DEPTH> class stream;
}

namespace xrtemu::stream_args {

template <class A> struct is_stream_ref : std::false_type {};
template <class T, int D> struct is_stream_ref<::hls::stream<T, D>&> : std::true_type {};
template <class A> constexpr bool is_stream_ref_v = is_stream_ref<A>::value;

// Storage that argument A needs while the kernel runs: nothing, or an attached stream.
template <class A, bool = is_stream_ref_v<A>> struct holder {
  explicit holder(void*) {}
};
template <class A> struct holder<A, true> {
  std::remove_reference_t<A> stream;
  explicit holder(void* port) { stream.attach(static_cast<const xrtemu_stream_port*>(port)); }
};

template <class A, class Fetch>
A get(holder<A, true>& h, void* const*, std::size_t) { return h.stream; }
template <class A, class Fetch>
A get(holder<A, false>&, void* const* argv, std::size_t i) { return Fetch::template get<A>(argv, i); }

template <class Fetch, class R, class... A, std::size_t... I>
void call(R (*fn)(A...), void* const* argv, std::index_sequence<I...>)
{
  // Holders are built in place (streams can be neither copied nor moved) and outlive fn,
  // also when fn unwinds with hls::stream's stream_cancelled.
  std::tuple<holder<A>...> h(argv[I]...);
  (void)h;
  (void)argv;
  fn(get<A, Fetch>(std::get<I>(h), argv, I)...);
}

// fn(argv...): Fetch::get<A>(argv, i) returns argument i of type A for non-stream arguments.
template <class Fetch, class R, class... A>
void call(R (*fn)(A...), void* const* argv)
{
  call<Fetch>(fn, argv, std::index_sequence_for<A...>{});
}

} // namespace xrtemu::stream_args
