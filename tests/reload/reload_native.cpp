// Loading several xclbins in one process through the native XRT API, and
// kernel state that belongs to one CU.  Links only stock libxrt_coreutil.
//   reload_native <scenario> <xclbin dir>      (one scenario per process)
#include <xrt/xrt_bo.h>
#include <xrt/xrt_device.h>
#include <xrt/xrt_kernel.h>

#include "../hosts/scenario.h"

#include <iostream>
#include <string>
#include <vector>

namespace {

std::string dir;
constexpr int n = 1024;

std::string path(const std::string& name) { return dir + "/examples/" + name + ".xclbin"; }

// Runs kernel `name` of the loaded xclbin as out = f(a, b) and returns out.
std::vector<int> binary_op(xrt::device& device, const xrt::uuid& uuid, const std::string& name,
                           const std::vector<int>& a, const std::vector<int>& b)
{
  xrt::kernel k(device, uuid, name);
  xrt::bo ba(device, n * sizeof(int), k.group_id(0));
  xrt::bo bb(device, n * sizeof(int), k.group_id(1));
  xrt::bo bo(device, n * sizeof(int), k.group_id(2));
  ba.write(a.data());
  bb.write(b.data());
  ba.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  bb.sync(XCL_BO_SYNC_BO_TO_DEVICE);
  auto state = k(ba, bb, bo, n).wait();
  EXPECT(state == ERT_CMD_STATE_COMPLETED);
  std::vector<int> out(n);
  bo.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  bo.read(out.data());
  return out;
}

struct inputs
{
  std::vector<int> a = std::vector<int>(n), b = std::vector<int>(n);
  inputs()
  {
    for (int i = 0; i < n; ++i) { a[i] = i + 3; b[i] = 2 * i - 7; }
  }
};

template <typename F>
void check(const char* what, const std::vector<int>& got, const inputs& in, F f)
{
  int wrong = 0;
  for (int i = 0; i < n; ++i)
    wrong += got[i] != f(in.a[i], in.b[i]);
  std::cout << what << ": " << wrong << " wrong of " << n << "\n";
  EXPECT(wrong == 0);
}

auto mul = [](int x, int y) { return x * y; };
auto add = [](int x, int y) { return x + y; };
auto sub = [](int x, int y) { return x - y; };

// A -> B -> A, each kernel on its own xclbin; the product goes through
// host memory into the sum, as kernel-swap hosts do.
void swap()
{
  xrt::device device(0);
  inputs in;
  for (int round = 0; round < 2; ++round) {
    auto prod = binary_op(device, device.load_xclbin(path("reload_vmul")), "krnl_vmul", in.a, in.b);
    check("krnl_vmul", prod, in, mul);
    auto sum = binary_op(device, device.load_xclbin(path("reload_vadd")), "krnl_vadd", prod, in.b);
    int wrong = 0;
    for (int i = 0; i < n; ++i)
      wrong += sum[i] != in.a[i] * in.b[i] + in.b[i];
    std::cout << "krnl_vadd on the product: " << wrong << " wrong of " << n << "\n";
    EXPECT(wrong == 0);
  }
}

// Two xclbins with a kernel of the same name that computes different things.
void same_name()
{
  xrt::device device(0);
  inputs in;
  check("krnl_vadd (sum)", binary_op(device, device.load_xclbin(path("reload_vadd")), "krnl_vadd", in.a, in.b), in, add);
  check("krnl_vadd (difference)",
        binary_op(device, device.load_xclbin(path("reload_vadd_minus")), "krnl_vadd", in.a, in.b), in, sub);
  check("krnl_vadd (sum again)", binary_op(device, device.load_xclbin(path("reload_vadd")), "krnl_vadd", in.a, in.b), in, add);
}

// The same xclbin again, with and without kernels open, and a device
// opened afresh each time.
void same_again()
{
  inputs in;
  for (int i = 0; i < 3; ++i) {
    xrt::device device(0);
    auto uuid = device.load_xclbin(path("reload_vadd"));
    xrt::kernel keep(device, uuid, "krnl_vadd");
    EXPECT(device.load_xclbin(path("reload_vadd")) == uuid);   // in use: already programmed
    check("krnl_vadd", binary_op(device, uuid, "krnl_vadd", in.a, in.b), in, add);
  }
}

int tally(xrt::device& device, const xrt::uuid& uuid, const std::string& cu)
{
  xrt::kernel k(device, uuid, "cu_tally:{" + cu + "}");
  xrt::bo out(device, 64, k.group_id(0));
  EXPECT(k(out).wait() == ERT_CMD_STATE_COMPLETED);
  out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
  int v = 0;
  out.read(&v, sizeof v, 0);
  return v;
}

// A static variable is a register of one CU: each CU counts its own runs,
// and programming another xclbin in between starts them afresh.
void cu_registers()
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(path("cu_state"));
  std::vector<int> one, two;
  for (int i = 0; i < 3; ++i)
    one.push_back(tally(device, uuid, "cu_tally_1"));
  two.push_back(tally(device, uuid, "cu_tally_2"));
  one.push_back(tally(device, uuid, "cu_tally_1"));
  std::cout << "cu_tally_1: " << one[0] << one[1] << one[2] << one[3] << ", cu_tally_2: " << two[0] << "\n";
  EXPECT((one == std::vector<int>{1, 2, 3, 4}) && two[0] == 1);

  device.load_xclbin(path("reload_vadd"));
  uuid = device.load_xclbin(path("cu_state"));
  int fresh = tally(device, uuid, "cu_tally_2");
  std::cout << "after another xclbin, cu_tally_2: " << fresh << "\n";
  EXPECT(fresh == 1);
}

// Two CUs whose dataflow stages talk through a static hls::stream array
// run at the same time: each CU's FIFOs carry only its own data.
void cu_streams()
{
  xrt::device device(0);
  auto uuid = device.load_xclbin(path("cu_state"));
  const int len = 4096;
  struct cu_run { xrt::kernel k; xrt::bo in, out; xrt::run run; int scale; };
  std::vector<cu_run> cus;
  for (int c = 1; c <= 2; ++c) {
    xrt::kernel k(device, uuid, "stream_sum:{stream_sum_" + std::to_string(c) + "}");
    cus.push_back({k, xrt::bo(device, len * sizeof(int), k.group_id(0)), xrt::bo(device, len * sizeof(int), k.group_id(1)),
                   xrt::run(k), c == 1 ? 3 : -5});
  }
  std::vector<int> in(len);
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < len; ++i) in[i] = i * 7 + round;
    for (auto& c : cus) {
      c.in.write(in.data());
      c.in.sync(XCL_BO_SYNC_BO_TO_DEVICE);
      c.run.set_arg(0, c.in);
      c.run.set_arg(1, c.out);
      c.run.set_arg(2, len);
      c.run.set_arg(3, c.scale);
      c.run.start();
    }
    int wrong = 0;
    for (auto& c : cus) {
      EXPECT(c.run.wait() == ERT_CMD_STATE_COMPLETED);
      std::vector<int> out(len);
      c.out.sync(XCL_BO_SYNC_BO_FROM_DEVICE);
      c.out.read(out.data());
      for (int i = 0; i < len; ++i)
        wrong += out[i] != in[i] * c.scale;
    }
    std::cout << "round " << round << ": " << wrong << " wrong of " << 2 * len << "\n";
    EXPECT(wrong == 0);
  }
}

} // namespace

int main(int argc, char** argv)
{
  return scenario::main(argc, argv,
                        {{"swap", swap}, {"same_name", same_name}, {"same_again", same_again},
                         {"cu_registers", cu_registers}, {"cu_streams", cu_streams}},
                        dir);
}
