// matmul_rt (Python): bindings of the matmul runtime (runtime/) for NumPy
// and PyTorch.
//
//   rt = matmul_rt.init("matmul_rt.xclbin")
//   fut = rt.submit_matmul(a, b)            # a, b: 2-D float32 arrays
//   c, prof = fut.result()                  # prof.dma_in_ms, .compute_ms ...
//   buf = rt.malloc_device(nbytes); v = buf.array((m, k))   # zero-copy view
//
// C-contiguous float32 arrays are used in place (no conversion copy: the
// runtime reads and writes them directly); others are converted once.
// Device buffers export their host mapping (buffer protocol, array()), so
// NumPy and torch.from_numpy work on the very memory XRT syncs.
// Host arrays stay referenced by the future until the job completes.
// Blocking calls release the GIL; completion callbacks run on the worker
// thread with the GIL taken.
#include "matmul_rt/runtime.h"

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <set>

namespace py = pybind11;
using namespace matmul_rt;

namespace {

using farray = py::array_t<float, py::array::c_style | py::array::forcecast>;

// Python objects a job uses, released with the GIL taken from any thread.
struct keep_alive
{
  std::vector<py::object> objects;
  ~keep_alive()
  {
    py::gil_scoped_acquire gil;
    objects.clear();
  }
};

struct py_future
{
  std::shared_future<job_profile> future;
  std::shared_ptr<keep_alive> held;
  py::object result;  // what result() returns with the profile (C, or None)

  py::tuple get()
  {
    {
      py::gil_scoped_release unlocked;
      future.wait();
    }
    auto profile = future.get();  // rethrows the job's exception
    return py::make_tuple(result, profile);
  }
  bool done() const
  {
    return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  }
};

// Owns the runtime; close() or the last reference waits for its jobs with
// the GIL released (their callbacks may need it).  Runtimes still open when
// the interpreter exits are closed by an atexit hook: left to process
// teardown, their workers would outlive the XRT device they use.
struct py_runtime;
std::set<py_runtime*>& open_runtimes()
{
  static std::set<py_runtime*> all;
  return all;
}

struct py_runtime
{
  std::shared_ptr<runtime> rt;
  py_runtime() { open_runtimes().insert(this); }
  ~py_runtime()
  {
    open_runtimes().erase(this);
    close();
  }
  void close()
  {
    py::gil_scoped_release unlocked;
    rt.reset();
  }
  runtime& get()
  {
    if (!rt)
      throw error("matmul_rt: the runtime is closed");
    return *rt;
  }
};

completion wrap_callback(const py::object& callback)
{
  if (callback.is_none())
    return {};
  auto fn = std::make_shared<keep_alive>();
  fn->objects.push_back(callback);
  return [fn](const job_profile& p, std::exception_ptr failure) {
    py::gil_scoped_acquire gil;
    py::object error = py::none();
    if (failure) {
      try {
        std::rethrow_exception(failure);
      }
      catch (const std::exception& e) {
        error = py::str(e.what());
      }
    }
    try {
      fn->objects[0](p, error);
    }
    catch (py::error_already_set& e) {
      e.discard_as_unraisable("matmul_rt completion callback");
    }
  };
}

double seconds(clock::time_point t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

} // namespace

PYBIND11_MODULE(matmul_rt, m)
{
  m.doc() = "The matmul accelerator runtime (matmul_tiled on an XRT device)";

  auto base = py::register_exception<error>(m, "Error", PyExc_RuntimeError);
  py::register_exception<timeout_error>(m, "TimeoutError", base.ptr());
  py::register_exception<dma_error>(m, "DmaError", base.ptr());

  py::class_<job_profile>(m, "Profile", "When each phase of one job started and ended")
      .def_readonly("cu", &job_profile::cu)
      .def_property_readonly("queue_ms", &job_profile::queue_ms)
      .def_property_readonly("dma_in_ms", &job_profile::dma_in_ms)
      .def_property_readonly("compute_ms", &job_profile::compute_ms)
      .def_property_readonly("dma_out_ms", &job_profile::dma_out_ms)
      .def_property_readonly("total_ms", &job_profile::total_ms)
      // Timestamps in seconds on time.monotonic()'s clock.
      .def_property_readonly("submitted", [](const job_profile& p) { return seconds(p.submitted); })
      .def_property_readonly("dma_in_start", [](const job_profile& p) { return seconds(p.dma_in_start); })
      .def_property_readonly("dma_in_end", [](const job_profile& p) { return seconds(p.dma_in_end); })
      .def_property_readonly("compute_start", [](const job_profile& p) { return seconds(p.compute_start); })
      .def_property_readonly("compute_end", [](const job_profile& p) { return seconds(p.compute_end); })
      .def_property_readonly("dma_out_start", [](const job_profile& p) { return seconds(p.dma_out_start); })
      .def_property_readonly("dma_out_end", [](const job_profile& p) { return seconds(p.dma_out_end); })
      .def("__repr__", [](const job_profile& p) {
        return "<matmul_rt.Profile cu=" + std::to_string(p.cu) + " dma_in=" + std::to_string(p.dma_in_ms()) +
               "ms compute=" + std::to_string(p.compute_ms()) + "ms dma_out=" + std::to_string(p.dma_out_ms()) + "ms>";
      });

  py::class_<device_buffer>(m, "DeviceBuffer", py::buffer_protocol(), "A device buffer with its host mapping")
      .def_property_readonly("size", &device_buffer::size, "Bytes")
      .def_property_readonly("address", &device_buffer::address, "Device address")
      .def("__bool__", [](const device_buffer& b) { return bool(b); })
      .def(
          "to_device",
          [](device_buffer& b, size_t bytes, size_t offset) {
            py::gil_scoped_release unlocked;
            b.to_device(bytes, offset);
          },
          py::arg("nbytes") = 0, py::arg("offset") = 0, "Host mapping -> device memory (0 bytes: to the end)")
      .def(
          "from_device",
          [](device_buffer& b, size_t bytes, size_t offset) {
            py::gil_scoped_release unlocked;
            b.from_device(bytes, offset);
          },
          py::arg("nbytes") = 0, py::arg("offset") = 0, "Device memory -> host mapping")
      .def(
          "array",
          [](py::object self, py::object shape) {
            auto& b = self.cast<device_buffer&>();
            std::vector<py::ssize_t> dims;
            if (shape.is_none())
              dims.push_back(py::ssize_t(b.size() / sizeof(float)));
            else
              dims = shape.cast<std::vector<py::ssize_t>>();
            size_t count = 1;
            for (auto d : dims)
              count *= size_t(d);
            if (count * sizeof(float) > b.size())
              throw py::value_error("matmul_rt: array of " + std::to_string(count) + " floats does not fit a " +
                                    std::to_string(b.size()) + "-byte device buffer");
            return py::array_t<float>(dims, b.as<float>(), self);  // a view: base keeps the buffer
          },
          py::arg("shape") = py::none(), "float32 NumPy view of the host mapping (no copy)")
      .def_buffer([](device_buffer& b) {
        return py::buffer_info(b.data(), sizeof(float), py::format_descriptor<float>::format(), 1,
                               {py::ssize_t(b.size() / sizeof(float))}, {py::ssize_t(sizeof(float))});
      });

  py::class_<py_future>(m, "Future", "A submitted job")
      .def("result", &py_future::get, "Wait; returns (C or None, Profile) or raises the job's error")
      .def("done", &py_future::done);

  py::class_<py_runtime>(m, "Runtime", "The device, the matmul xclbin, its CUs and the buffer pool")
      .def_property_readonly("compute_units", [](py_runtime& r) { return r.get().compute_units(); })
      .def("malloc_device", [](py_runtime& r, size_t bytes) { return r.get().malloc_device(bytes); },
           py::arg("nbytes"), "A device buffer of nbytes bytes (from the pool)")
      .def("free", [](py_runtime& r, device_buffer& b) { r.get().free(b); }, "Give a device buffer back now")
      .def(
          "submit_matmul",
          [](py_runtime& r, const py::object& a_in, const py::object& b_in, py::object out, py::object callback) {
            farray a = farray::ensure(a_in), b = farray::ensure(b_in);
            if (!a || !b)
              throw py::type_error("matmul_rt: submit_matmul: a and b must be arrays of numbers");
            if (a.ndim() != 2 || b.ndim() != 2 || a.shape(1) != b.shape(0))
              throw py::value_error("matmul_rt: submit_matmul: shapes do not multiply: " +
                                    std::string(py::str(a_in.attr("shape"))) + " x " +
                                    std::string(py::str(b_in.attr("shape"))));
            const int mm = int(a.shape(0)), kk = int(a.shape(1)), nn = int(b.shape(1));
            py::array_t<float> c;
            if (out.is_none())
              c = py::array_t<float>({mm, nn});
            else {
              bool fits = py::isinstance<py::array_t<float>>(out);
              if (fits) {
                c = out.cast<py::array_t<float>>();
                fits = (c.flags() & py::array::c_style) && c.ndim() == 2 && c.shape(0) == mm && c.shape(1) == nn &&
                       c.writeable();
              }
              if (!fits)
                throw py::value_error("matmul_rt: submit_matmul: out must be a writable C-contiguous float32 array "
                                      "of shape (" + std::to_string(mm) + ", " + std::to_string(nn) + ")");
            }
            auto held = std::make_shared<keep_alive>();
            held->objects = {a, b, c};
            py_future f;
            f.held = held;
            f.result = c;
            // The job itself holds the arrays too, in case the future is dropped.
            auto inner = wrap_callback(callback);
            completion done = [held, inner](const job_profile& p, std::exception_ptr e) {
              if (inner)
                inner(p, e);
            };
            f.future = r.get().submit_matmul(a.data(), b.data(), c.mutable_data(), mm, nn, kk, done).share();
            return f;
          },
          py::arg("a"), py::arg("b"), py::arg("out") = py::none(), py::arg("callback") = py::none(),
          "Submit C = A @ B on host arrays; returns a Future whose result() is (C, Profile)")
      .def(
          "submit_matmul_device",
          [](py_runtime& r, device_buffer& a, device_buffer& b, device_buffer& c, int mm, int nn, int kk,
             py::object callback) {
            py_future f;
            f.result = py::none();
            f.future = r.get().submit_matmul(a, b, c, mm, nn, kk, wrap_callback(callback)).share();
            return f;
          },
          py::arg("a"), py::arg("b"), py::arg("c"), py::arg("m"), py::arg("n"), py::arg("k"),
          py::arg("callback") = py::none(),
          "Submit C = A @ B on device buffers the caller syncs; result() is (None, Profile)")
      .def("close", &py_runtime::close, "Wait for every job, then release the device (also done at exit)")
      .def(
          "sync",
          [](py_runtime& r) {
            py::gil_scoped_release unlocked;
            r.get().sync();
          },
          "Wait for every job submitted so far")
      .def("stats", [](py_runtime& r) {
        auto s = r.get().stats();
        return py::dict(py::arg("allocations") = s.allocations, py::arg("reuses") = s.reuses);
      });

  py::module_::import("atexit").attr("register")(py::cpp_function([] {
    for (auto* r : std::set<py_runtime*>(open_runtimes()))
      r->close();
  }));

  m.def(
      "init",
      [](const std::string& xclbin, unsigned device_index, bool use_pool, unsigned timeout_ms) {
        options o;
        o.xclbin = xclbin;
        o.device_index = device_index;
        o.use_pool = use_pool;
        o.timeout = std::chrono::milliseconds(timeout_ms);
        std::shared_ptr<runtime> rt;
        {
          py::gil_scoped_release unlocked;
          rt = init(o);
        }
        auto r = std::make_unique<py_runtime>();
        r->rt = std::move(rt);
        return r;
      },
      py::arg("xclbin"), py::arg("device_index") = 0, py::arg("use_pool") = true, py::arg("timeout_ms") = 30000,
      "Open the device, load the xclbin and start one worker per matmul_tiled CU");
}
