// One port of a verilated module, seen by the bridges without knowing the
// module's class: Verilator keeps 1-8 bit ports in uint8_t, 9-16 in
// uint16_t, 17-32 in uint32_t, 33-64 in uint64_t and wider ones as arrays
// of 32-bit words (VlWide), least significant word first.  A port the
// module does not have (optional AXI signals such as WSTRB or TKEEP) is an
// unbound port_ref: reads give 0 (or what set_default says), writes vanish.
#pragma once

#include <cstdint>
#include <cstring>

namespace xrtemu::rtl {

class port_ref
{
public:
  port_ref() = default;
  port_ref(void* storage, uint32_t bits)
    : m_p(storage), m_bits(bits),
      m_kind(!storage ? none : bits <= 8 ? u8 : bits <= 16 ? u16 : bits <= 32 ? u32 : bits <= 64 ? u64 : wide),
      m_mask(bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1),
      m_low(storage ? static_cast<const uint8_t*>(storage) : &k_bits[0])
  {}

  bool bound() const { return m_p != nullptr; }
  uint32_t bits() const { return m_bits; }
  uint32_t bytes() const { return (m_bits + 7) / 8; }

  // Value of an unbound port (e.g. a missing TKEEP reads as all ones).
  port_ref& set_default(uint64_t v)
  {
    m_default = v;
    if (!m_p)
      m_low = &k_bits[v & 1];
    return *this;
  }

  // Up to 64 bits (wide ports: the low 64).  Called several times a clock
  // cycle per bridge: one switch on a kind fixed at construction.
  uint64_t get() const
  {
    switch (m_kind) {
    case u8: return *static_cast<const uint8_t*>(m_p);
    case u16: return *static_cast<const uint16_t*>(m_p);
    case u32: return *static_cast<const uint32_t*>(m_p);
    case u64: return *static_cast<const uint64_t*>(m_p);
    case wide: {
      auto w = static_cast<const uint32_t*>(m_p);
      return uint64_t(w[0]) | (uint64_t(w[1]) << 32);
    }
    default: return m_default;
    }
  }
  // Bit 0: valid/ready/last, read several times a cycle.  Every storage
  // type is little-endian, so bit 0 is in the first byte; an unbound port
  // points at a constant holding its default.
  bool high() const { return *m_low & 1; }
  void set_bit(bool v) const
  {
    if (m_kind == u8)
      *static_cast<uint8_t*>(m_p) = v;
    else
      set(v);
  }

  void set(uint64_t v) const
  {
    v &= m_mask;   // Verilator expects clean upper bits
    switch (m_kind) {
    case u8: *static_cast<uint8_t*>(m_p) = static_cast<uint8_t>(v); break;
    case u16: *static_cast<uint16_t*>(m_p) = static_cast<uint16_t>(v); break;
    case u32: *static_cast<uint32_t*>(m_p) = static_cast<uint32_t>(v); break;
    case u64: *static_cast<uint64_t*>(m_p) = v; break;
    case wide: {
      auto w = static_cast<uint32_t*>(m_p);
      std::memset(w, 0, words() * 4);
      w[0] = static_cast<uint32_t>(v);
      w[1] = static_cast<uint32_t>(v >> 32);
      break;
    }
    default: break;
    }
  }

  // The port as little-endian bytes (n <= bytes(); any width).  The host is
  // little-endian, so every storage type is its bytes in order.
  void get_bytes(uint8_t* dst, uint32_t n) const
  {
    if (!m_p) {
      std::memset(dst, 0, n);
      return;
    }
    std::memcpy(dst, m_p, n);
  }
  void set_bytes(const uint8_t* src, uint32_t n) const
  {
    if (!m_p)
      return;
    uint32_t room = storage_bytes();
    std::memset(m_p, 0, room);
    std::memcpy(m_p, src, n < room ? n : room);
    if (m_bits % 8)   // keep bits above the port's width clear
      static_cast<uint8_t*>(m_p)[m_bits / 8] &= static_cast<uint8_t>((1u << (m_bits % 8)) - 1);
  }

private:
  enum kind : uint8_t { none, u8, u16, u32, u64, wide };
  uint32_t words() const { return (m_bits + 31) / 32; }
  uint32_t storage_bytes() const
  {
    return m_bits <= 8 ? 1 : m_bits <= 16 ? 2 : m_bits <= 32 ? 4 : m_bits <= 64 ? 8 : words() * 4;
  }

  static constexpr uint8_t k_bits[2] = {0, 1};

  void* m_p = nullptr;
  uint32_t m_bits = 0;
  kind m_kind = none;
  uint64_t m_mask = 0;
  const uint8_t* m_low = &k_bits[0];
  uint64_t m_default = 0;
};

// Random stalls for protocol tests: ready/valid held low on a cycle with
// probability percent/100.  Deterministic (xorshift) so failures repeat.
class stall_dice
{
public:
  explicit stall_dice(uint32_t percent = 0, uint64_t seed = 0x9E3779B97F4A7C15ull)
    : m_percent(percent), m_state(seed ? seed : 1) {}
  bool stall()
  {
    if (!m_percent)
      return false;
    m_state ^= m_state << 13;
    m_state ^= m_state >> 7;
    m_state ^= m_state << 17;
    return m_state % 100 < m_percent;
  }
  uint32_t percent() const { return m_percent; }

private:
  uint32_t m_percent;
  uint64_t m_state;
};

} // namespace xrtemu::rtl
