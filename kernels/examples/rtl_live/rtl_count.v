// rtl_count: an ap_ctrl_hs RTL kernel with state that outlives a run and
// no interrupt line (the card has to poll it).
// Each run writes out[i] = base + i for i in [0, n) with single-beat AXI4
// writes, then adds n to base. base and the run counter are reset only by
// ap_rst_n, so run r of a freshly loaded xclbin (all with the same n)
// writes r*n + i.
// Register map (s_axi_control):
//   0x00 AP_CTRL  0 ap_start (write 1 to set; cleared when the run takes
//                 its arguments), 1 ap_done (clear on read), 2 ap_idle,
//                 3 ap_ready (clear on read), 7 auto_restart
//   0x04 GIE, 0x08 IER (0 done, 1 ready), 0x0C ISR (write 1 toggles)
//   0x10/0x14 out (64-bit device address), 0x1C n
//   0x30 runs completed since reset (read only)
//   0x34 current base (read only)
module rtl_count (
  input  wire        ap_clk,
  input  wire        ap_rst_n,

  output reg         m_axi_gmem_AWVALID,
  input  wire        m_axi_gmem_AWREADY,
  output reg  [63:0] m_axi_gmem_AWADDR,
  output wire [7:0]  m_axi_gmem_AWLEN,
  output wire [2:0]  m_axi_gmem_AWSIZE,
  output wire [1:0]  m_axi_gmem_AWBURST,
  output reg         m_axi_gmem_WVALID,
  input  wire        m_axi_gmem_WREADY,
  output reg  [31:0] m_axi_gmem_WDATA,
  output wire [3:0]  m_axi_gmem_WSTRB,
  output wire        m_axi_gmem_WLAST,
  input  wire        m_axi_gmem_BVALID,
  output wire        m_axi_gmem_BREADY,

  input  wire        s_axi_control_AWVALID,
  output wire        s_axi_control_AWREADY,
  input  wire [5:0]  s_axi_control_AWADDR,
  input  wire        s_axi_control_WVALID,
  output wire        s_axi_control_WREADY,
  input  wire [31:0] s_axi_control_WDATA,
  input  wire [3:0]  s_axi_control_WSTRB,
  output wire        s_axi_control_BVALID,
  input  wire        s_axi_control_BREADY,
  output wire [1:0]  s_axi_control_BRESP,
  input  wire        s_axi_control_ARVALID,
  output wire        s_axi_control_ARREADY,
  input  wire [5:0]  s_axi_control_ARADDR,
  output wire        s_axi_control_RVALID,
  input  wire        s_axi_control_RREADY,
  output wire [31:0] s_axi_control_RDATA,
  output wire [1:0]  s_axi_control_RRESP
);
  localparam A_CTRL = 6'h00, A_GIE = 6'h04, A_IER = 6'h08, A_ISR = 6'h0C,
             A_OUT_LO = 6'h10, A_OUT_HI = 6'h14, A_N = 6'h1C, A_RUNS = 6'h30, A_BASE = 6'h34;

  wire        wr_en, rd_en;
  wire [5:0]  wr_addr, rd_addr;
  wire [31:0] wr_data;
  wire [3:0]  wr_strb;
  reg  [31:0] rd_data;

  rtl_live_axil #(.AW(6)) axil (
    .clk(ap_clk), .rst_n(ap_rst_n),
    .AWVALID(s_axi_control_AWVALID), .AWREADY(s_axi_control_AWREADY), .AWADDR(s_axi_control_AWADDR),
    .WVALID(s_axi_control_WVALID), .WREADY(s_axi_control_WREADY), .WDATA(s_axi_control_WDATA),
    .WSTRB(s_axi_control_WSTRB), .BVALID(s_axi_control_BVALID), .BREADY(s_axi_control_BREADY),
    .BRESP(s_axi_control_BRESP), .ARVALID(s_axi_control_ARVALID), .ARREADY(s_axi_control_ARREADY),
    .ARADDR(s_axi_control_ARADDR), .RVALID(s_axi_control_RVALID), .RREADY(s_axi_control_RREADY),
    .RDATA(s_axi_control_RDATA), .RRESP(s_axi_control_RRESP),
    .wr_en(wr_en), .wr_addr(wr_addr), .wr_data(wr_data), .wr_strb(wr_strb),
    .rd_en(rd_en), .rd_addr(rd_addr), .rd_data(rd_data));

  // Control and argument registers.
  reg        start_r, done_r, ready_r, auto_restart, gie;
  reg [1:0]  ier, isr;
  reg [63:0] arg_out;
  reg [31:0] arg_n;
  // Kernel state that survives runs.
  reg [31:0] base, runs;
  // The run in progress.
  localparam S_IDLE = 2'd0, S_NEXT = 2'd1, S_WRITE = 2'd2;
  reg [1:0]  state;
  reg [63:0] ptr;
  reg [31:0] count, i;
  reg        got_b;

  wire ap_idle = state == S_IDLE;
  wire [31:0] wmask = {{8{wr_strb[3]}}, {8{wr_strb[2]}}, {8{wr_strb[1]}}, {8{wr_strb[0]}}};

  assign m_axi_gmem_AWLEN   = 8'd0;    // single beats
  assign m_axi_gmem_AWSIZE  = 3'd2;    // 4 bytes
  assign m_axi_gmem_AWBURST = 2'b01;   // INCR
  assign m_axi_gmem_WSTRB   = 4'hF;
  assign m_axi_gmem_WLAST   = 1'b1;
  assign m_axi_gmem_BREADY  = 1'b1;    // only one write is ever outstanding

  always @* begin
    case (rd_addr)
      A_CTRL:   rd_data = {24'd0, auto_restart, 3'd0, ready_r, ap_idle, done_r, start_r};
      A_GIE:    rd_data = {31'd0, gie};
      A_IER:    rd_data = {30'd0, ier};
      A_ISR:    rd_data = {30'd0, isr};
      A_OUT_LO: rd_data = arg_out[31:0];
      A_OUT_HI: rd_data = arg_out[63:32];
      A_N:      rd_data = arg_n;
      A_RUNS:   rd_data = runs;
      A_BASE:   rd_data = base;
      default:  rd_data = 32'd0;
    endcase
  end

  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      start_r <= 1'b0; done_r <= 1'b0; ready_r <= 1'b0; auto_restart <= 1'b0; gie <= 1'b0;
      ier <= 2'b00; isr <= 2'b00; arg_out <= 64'd0; arg_n <= 32'd0;
      base <= 32'd0; runs <= 32'd0;
      state <= S_IDLE; ptr <= 64'd0; count <= 32'd0; i <= 32'd0; got_b <= 1'b0;
      m_axi_gmem_AWVALID <= 1'b0; m_axi_gmem_AWADDR <= 64'd0;
      m_axi_gmem_WVALID <= 1'b0; m_axi_gmem_WDATA <= 32'd0;
    end else begin
      // Host side first; a kernel event in the same cycle (below) wins, so
      // a done or ready is never lost to a read that cleared the old one.
      if (rd_en && rd_addr == A_CTRL) begin
        done_r <= 1'b0;
        ready_r <= 1'b0;
      end
      if (wr_en) begin
        case (wr_addr)
          A_CTRL: if (wr_strb[0]) begin
            if (wr_data[0]) start_r <= 1'b1;
            auto_restart <= wr_data[7];
          end
          A_GIE:    if (wr_strb[0]) gie <= wr_data[0];
          A_IER:    if (wr_strb[0]) ier <= wr_data[1:0];
          A_ISR:    if (wr_strb[0]) isr <= isr ^ wr_data[1:0];
          A_OUT_LO: arg_out[31:0]  <= (arg_out[31:0] & ~wmask) | (wr_data & wmask);
          A_OUT_HI: arg_out[63:32] <= (arg_out[63:32] & ~wmask) | (wr_data & wmask);
          A_N:      arg_n <= (arg_n & ~wmask) | (wr_data & wmask);
          default: ;   // 0x30 and 0x34 are read only
        endcase
      end

      case (state)
        S_IDLE: if (start_r) begin
          // take the arguments: ap_ready
          ptr <= arg_out; count <= arg_n; i <= 32'd0;
          start_r <= auto_restart;
          ready_r <= 1'b1;
          if (ier[1]) isr[1] <= 1'b1;
          state <= S_NEXT;
        end
        S_NEXT: if (i == count) begin
          base <= base + count;
          runs <= runs + 32'd1;
          done_r <= 1'b1;
          if (ier[0]) isr[0] <= 1'b1;
          state <= S_IDLE;
        end else begin
          m_axi_gmem_AWADDR <= ptr;
          m_axi_gmem_AWVALID <= 1'b1;
          m_axi_gmem_WDATA <= base + i;
          m_axi_gmem_WVALID <= 1'b1;
          got_b <= 1'b0;
          state <= S_WRITE;
        end
        S_WRITE: begin
          if (m_axi_gmem_AWREADY) m_axi_gmem_AWVALID <= 1'b0;
          if (m_axi_gmem_WREADY) m_axi_gmem_WVALID <= 1'b0;
          if (m_axi_gmem_BVALID) got_b <= 1'b1;
          // address and data taken and the response in: next word
          if ((!m_axi_gmem_AWVALID || m_axi_gmem_AWREADY) && (!m_axi_gmem_WVALID || m_axi_gmem_WREADY) &&
              (got_b || m_axi_gmem_BVALID)) begin
            ptr <= ptr + 64'd4;
            i <= i + 32'd1;
            state <= S_NEXT;
          end
        end
        default: state <= S_IDLE;
      endcase
    end
  end
endmodule
