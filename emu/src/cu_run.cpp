// Reading a run's inputs off the control block, and running a body.
#include "cu_run.h"
#include "bus_word.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace xrtemu::emu {

void cu_run::clear_for_reuse()
{
  error.clear();
  released = false;
  revoked = false;
  ends.clear();
  info = {};
  epochs = 0;
  took = {};
  checked.reset();
  fault.clear();
  est_bytes.clear();
  arg_bank.clear();
}

bool cu_run::marshal(cu_slot& slot)
{
  auto& d = *slot.desc;
  auto& ctrl = slot.ctrl;
  store.resize(d.args.size());   // each entry is assigned below (a stream's cleared)
  // One more entry than arguments: the run info of ABI 2 (kernel_model.h).
  argv.assign(d.args.size() + 1, nullptr);
  info.size = sizeof info;
  info.cu_name = d.name.c_str();
  info.run = slot.runs.load();
  info.ctx = &revoked;
  info.cancelled = [](void* ctx) { return static_cast<std::atomic<bool>*>(ctx)->load() ? 1 : 0; };
  argv[d.args.size()] = &info;
  // The words written so far, not the whole 64 KiB window: copying that
  // cost more than an empty run.
  regs.assign(ctrl.arg_words().begin(), ctrl.arg_words().begin() + ctrl.args_used());
  info.regs = regs.data();
  info.num_regs = static_cast<uint32_t>(regs.size());
  // Timed mode: room for an HLS model's estimate (kernel_time.h); untimed
  // runs leave est_bytes null and the model writes nothing.
  bool timed = slot.ctx.opts && slot.ctx.opts->timed;
  if (timed) {
    started = std::chrono::steady_clock::now();
    est_bytes.assign(d.args.size(), 0);
    arg_bank.assign(d.args.size(), -1);
    info.est_bytes = est_bytes.data();
    info.est_num_args = static_cast<uint32_t>(d.args.size());
  }
  for (size_t i = 0; i < d.args.size(); ++i) {
    auto& a = d.args[i];
    auto& s = store[i];
    if (a.kind == XRTEMU_ARG_STREAM) {
      s.clear();
      if (i < slot.wires.size() && slot.wires[i].link)
        argv[i] = &ends.emplace_back(slot.wires[i].link, slot.wires[i].producer, &revoked).port;
      else
        argv[i] = const_cast<xrtemu_stream_port*>(unconnected_port(d.name + "." + a.name));
      continue;
    }
    if (a.kind == XRTEMU_ARG_GLOBAL) {
      uint64_t addr = uint64_t(ctrl.arg_word(a.offset)) | (uint64_t(ctrl.arg_word(a.offset + 4)) << 32);
      tlm::tlm_generic_payload gp;
      gp.set_address(addr);
      gp.set_command(tlm::TLM_READ_COMMAND);
      tlm::tlm_dmi dmi;
      if (!slot.mem->get_direct_mem_ptr(gp, dmi)) {
        error = "CU " + d.name + " argument '" + a.name + "': address " + hex(addr) +
                " is not in any memory bank (AXI DECERR)";
        return false;
      }
      // Connectivity: a port reaches only the banks the xclbin wired it to.
      // Host windows (host-only buffers) are reachable from every port.
      uint64_t start = dmi.get_start_address();
      const bank_desc* bank = slot.ctx.platform->bank_at(start);
      if (bank && bank->base != start)
        bank = nullptr;   // a host window, not the bank's own DMI range
      if (bank && !a.allowed.empty() &&
          std::find(a.allowed.begin(), a.allowed.end(), start) == a.allowed.end()) {
        error = "CU " + d.name + " argument '" + a.name + "': buffer at " + hex(addr) + " is in " +
                bank->tag + ", which this port is not connected to (AXI DECERR)";
        return false;
      }
      if (timed && bank)
        arg_bank[i] = static_cast<int>(bank - slot.ctx.platform->banks.data());
      void* host = dmi.get_dmi_ptr() + (addr - dmi.get_start_address());
      // ABI 2's struct starts with the host pointer, which is all ABI 1 reads.
      xrtemu_global g{host, addr, dmi.get_dmi_ptr(), start, dmi.get_end_address() - start + 1};
      s.resize(sizeof g);
      std::memcpy(s.data(), &g, sizeof g);
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
  // Memory checker: the body gets views of its buffers (memory_checker.h).
  auto* checker = slot.ctx.checker;
  if (checker && (d.memcheck || (slot.ctx.opts && slot.ctx.opts->memcheck))) {
    try {
      checked = checker->prepare(d, store, slot.ctx.opts && slot.ctx.opts->memcheck_strict);
    }
    catch (const std::exception& e) {
      error = "CU " + d.name + ": " + e.what();
      return false;
    }
  }
  return true;
}

void cu_run::execute(const xrtemu_kernel* model, activity* act, memory_checker* checker)
{
  auto t0 = std::chrono::steady_clock::now();
  try {
    if (checked) {
      std::string warning;
      fault = checker->execute(*checked, model->run, argv.data(), &warning);
      if (!warning.empty())
        std::fprintf(stderr, "[xrtemu] warning: %s\n", warning.c_str());
    }
    else
      model->run(argv.data());
  }
  catch (const std::exception& e) {
    error = e.what();
    if (error.empty())
      error = "exception";
  }
  catch (...) {
    error = "unknown exception";
  }
  took = std::chrono::steady_clock::now() - t0;
  release(act);
  act->moved();
}

} // namespace xrtemu::emu
