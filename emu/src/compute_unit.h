// One CU slot of the card.  SystemC elaborates once, so the card builds
// `max_cus` slots up front and an xclbin load binds kernels to them.
//
// Ports: `ctrl` (its AXI4-Lite control block, reached through the
// interconnect) and `mem` (its AXI master view of memory, used for DMI).
// Behaviour: on ap_start it reads its argument registers, turns buffer
// addresses into host pointers through DMI (an address outside a bank, or
// outside the banks the port is connected to, is an AXI error that fails the
// run), runs the kernel model on a host worker thread so several CUs use
// several cores, then completes the ap_ctrl handshake.
#pragma once

#include "control_block.h"
#include "xrtemu/emu/card.h"

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace xrtemu::emu {

using poster = std::function<void(std::function<void()>)>;

class compute_unit : public sc_core::sc_module
{
public:
  tlm_utils::simple_initiator_socket<compute_unit> mem;
  control_block ctrl;
  sc_core::sc_event finished;   // a run ended (done bit set)

  // banks: the card's memory banks, to tell a bank from a host window when
  // checking a port's connectivity.
  compute_unit(sc_core::sc_module_name name, uint32_t range, poster post,
               const std::vector<bank_desc>* banks);
  ~compute_unit() override;

  // Binding happens on the simulation thread between runs.
  void bind(const cu_desc* desc);
  const cu_desc* desc() const { return m_desc; }

  // The reason the last run failed ("" when it succeeded); clears it.
  std::string take_error();
  uint64_t runs() const { return m_runs.load(); }
  bool busy() const { return m_busy.load(); }

  void stop_worker();

private:
  void thread();
  bool marshal(std::vector<std::vector<uint8_t>>& store, std::vector<void*>& argv);
  void worker_loop();

  poster m_post;
  const std::vector<bank_desc>* m_banks;
  const cu_desc* m_desc = nullptr;
  std::string m_error;
  std::atomic<uint64_t> m_runs{0};
  std::atomic<bool> m_busy{false};
  sc_core::sc_event m_job_done;

  // Host worker that executes kernel bodies.
  std::thread m_worker;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::function<void()> m_job;
  std::atomic<bool> m_has_job{false};   // m_job is set (read while spinning)
  bool m_stop = false;
};

} // namespace xrtemu::emu
