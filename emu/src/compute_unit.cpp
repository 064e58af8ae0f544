#include "compute_unit.h"
#include "bus_word.h"
#include "spin.h"

#include <algorithm>
#include <cstring>

namespace xrtemu::emu {

compute_unit::compute_unit(sc_core::sc_module_name name, uint32_t range, poster post,
                           const std::vector<bank_desc>* banks)
  : sc_module(name), mem("mem"), ctrl("ctrl", range), m_post(std::move(post)), m_banks(banks)
{
  SC_HAS_PROCESS(compute_unit);
  SC_THREAD(thread);
}

compute_unit::~compute_unit()
{
  stop_worker();
}

void compute_unit::stop_worker()
{
  {
    std::lock_guard<std::mutex> lk(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  if (m_worker.joinable()) {
    if (m_busy.load())
      m_worker.detach();   // a kernel that never returns must not hang process exit
    else
      m_worker.join();
  }
}

void compute_unit::bind(const cu_desc* desc)
{
  m_desc = desc;
  m_runs = 0;
  m_error.clear();
  ctrl.reset();
}

std::string compute_unit::take_error()
{
  std::string e;
  e.swap(m_error);
  return e;
}

bool compute_unit::marshal(std::vector<std::vector<uint8_t>>& store, std::vector<void*>& argv)
{
  auto& d = *m_desc;
  store.assign(d.args.size(), {});
  argv.assign(d.args.size(), nullptr);
  for (size_t i = 0; i < d.args.size(); ++i) {
    auto& a = d.args[i];
    auto& s = store[i];
    if (a.kind == XRTEMU_ARG_STREAM) {
      s.assign(sizeof(void*), 0);
    }
    else if (a.kind == XRTEMU_ARG_GLOBAL) {
      uint64_t addr = uint64_t(ctrl.arg_word(a.offset)) | (uint64_t(ctrl.arg_word(a.offset + 4)) << 32);
      tlm::tlm_generic_payload gp;
      gp.set_address(addr);
      gp.set_command(tlm::TLM_READ_COMMAND);
      tlm::tlm_dmi dmi;
      if (!mem->get_direct_mem_ptr(gp, dmi)) {
        m_error = "CU " + d.name + " argument '" + a.name + "': address " + hex(addr) +
                  " is not in any memory bank (AXI DECERR)";
        return false;
      }
      // Connectivity: a port reaches only the banks the xclbin wired it to.
      // Host windows (host-only buffers) are reachable from every port.
      uint64_t start = dmi.get_start_address();
      const bank_desc* bank = nullptr;
      for (auto& b : *m_banks)
        if (b.base == start)
          bank = &b;
      if (bank && !a.allowed.empty() &&
          std::find(a.allowed.begin(), a.allowed.end(), start) == a.allowed.end()) {
        m_error = "CU " + d.name + " argument '" + a.name + "': buffer at " + hex(addr) + " is in " +
                  bank->tag + ", which this port is not connected to (AXI DECERR)";
        return false;
      }
      void* host = dmi.get_dmi_ptr() + (addr - dmi.get_start_address());
      s.resize(sizeof(void*));
      std::memcpy(s.data(), &host, sizeof host);
    }
    else {
      uint32_t words = (a.size + 3) / 4;
      s.assign(std::max<size_t>(words * 4, 8), 0);
      for (uint32_t w = 0; w < words; ++w) {
        uint32_t v = ctrl.arg_word(a.offset + 4 * w);
        std::memcpy(s.data() + 4 * w, &v, 4);
      }
    }
    argv[i] = s.data();
  }
  return true;
}

void compute_unit::worker_loop()
{
  for (;;) {
    std::function<void()> job;
    spin_until([&] { return m_has_job.load(std::memory_order_acquire); });
    {
      std::unique_lock<std::mutex> lk(m_mutex);
      m_cv.wait(lk, [&] { return m_stop || m_job; });
      m_has_job.store(false, std::memory_order_relaxed);
      if (m_stop && !m_job)
        return;
      job.swap(m_job);
    }
    job();
  }
}

void compute_unit::thread()
{
  std::vector<std::vector<uint8_t>> store;
  std::vector<void*> argv;
  for (;;) {
    while (!ctrl.start_pending())
      sc_core::wait(ctrl.start_written);
    ctrl.accept_start();
    m_busy = true;
    if (!m_desc || !m_desc->model) {
      m_error = std::string("CU slot ") + name() + " has no kernel bound";
    }
    else if (marshal(store, argv)) {
      // Run the body off the simulation thread; the simulation waits for it.
      std::string failure;
      auto model = m_desc->model;
      {
        std::lock_guard<std::mutex> lk(m_mutex);
        m_job = [this, model, &argv, &failure] {
          try {
            model->run(argv.data());
          }
          catch (const std::exception& e) {
            failure = e.what();
          }
          catch (...) {
            failure = "unknown exception";
          }
          m_post([this] { m_job_done.notify(sc_core::SC_ZERO_TIME); });
        };
        m_has_job.store(true, std::memory_order_release);
        if (!m_worker.joinable())
          m_worker = std::thread(&compute_unit::worker_loop, this);
      }
      m_cv.notify_one();
      sc_core::wait(m_job_done);
      if (!failure.empty())
        m_error = "CU " + m_desc->name + ": kernel " + m_desc->kernel + " threw: " + failure;
    }
    ++m_runs;
    m_busy = false;
    ctrl.finish();
    finished.notify(sc_core::SC_ZERO_TIME);
  }
}

} // namespace xrtemu::emu
