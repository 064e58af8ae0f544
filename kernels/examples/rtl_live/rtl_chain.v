// rtl_chain: an ap_ctrl_chain RTL kernel, out[i] = in[i] * k for n words,
// with two runs in flight: one whose arguments are latched (input slot)
// and one executing. Each element is read, held DELAY cycles, then
// written (single-beat AXI4 transfers), so a run lasts long enough for the
// next one to be started while it executes.
// Chain protocol:
//   * ap_start seen and the input slot free: the arguments are copied into
//     the slot, ap_start clears, ap_ready is set (clear on read; ISR bit 1
//     if IER bit 1). The argument registers may be rewritten right after.
//   * the slot moves to the datapath when the datapath is free.
//   * a finished run sets ap_done (ISR bit 0 if IER bit 0); ap_done stays
//     set until the host writes ap_continue (AP_CTRL bit 4). A run that
//     finishes while ap_done is still set waits (it keeps the datapath)
//     until then.
// Register map: 0x00 AP_CTRL (0 start, 1 done, 2 idle, 3 ready, 4 continue
// (write only), 7 auto_restart), 0x04 GIE, 0x08 IER, 0x0C ISR (write 1
// toggles), 0x10/0x14 in, 0x1C/0x20 out, 0x28 n, 0x30 k,
// 0x38 runs completed since reset (read only).
module rtl_chain #(
  parameter DELAY = 8
) (
  input  wire        ap_clk,
  input  wire        ap_rst_n,
  /* verilator lint_off SYMRSVDWORD */
  output wire        interrupt,   // the name Vitis expects
  /* verilator lint_on SYMRSVDWORD */

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
  output reg         m_axi_gmem_ARVALID,
  input  wire        m_axi_gmem_ARREADY,
  output reg  [63:0] m_axi_gmem_ARADDR,
  output wire [7:0]  m_axi_gmem_ARLEN,
  output wire [2:0]  m_axi_gmem_ARSIZE,
  output wire [1:0]  m_axi_gmem_ARBURST,
  input  wire        m_axi_gmem_RVALID,
  output wire        m_axi_gmem_RREADY,
  input  wire [31:0] m_axi_gmem_RDATA,

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
             A_IN_LO = 6'h10, A_IN_HI = 6'h14, A_OUT_LO = 6'h1C, A_OUT_HI = 6'h20,
             A_N = 6'h28, A_K = 6'h30, A_RUNS = 6'h38;

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
  reg [63:0] arg_in, arg_out;
  reg [31:0] arg_n, arg_k, runs;
  // Input slot: the arguments of the next run.
  reg        p_valid;
  reg [63:0] p_in, p_out;
  reg [31:0] p_n, p_k;
  // Datapath: the run executing.
  localparam E_IDLE = 3'd0, E_NEXT = 3'd1, E_READ = 3'd2, E_HOLD = 3'd3, E_WRITE = 3'd4, E_FIN = 3'd5;
  reg [2:0]  e_state;
  reg [63:0] e_in, e_out;
  reg [31:0] e_left, e_k;
  reg [7:0]  e_wait;
  reg        got_b;

  wire ap_idle = !p_valid && e_state == E_IDLE;
  wire [31:0] wmask = {{8{wr_strb[3]}}, {8{wr_strb[2]}}, {8{wr_strb[1]}}, {8{wr_strb[0]}}};

  assign interrupt = gie && |(isr & ier);

  assign m_axi_gmem_AWLEN   = 8'd0;
  assign m_axi_gmem_AWSIZE  = 3'd2;
  assign m_axi_gmem_AWBURST = 2'b01;
  assign m_axi_gmem_WSTRB   = 4'hF;
  assign m_axi_gmem_WLAST   = 1'b1;
  assign m_axi_gmem_BREADY  = 1'b1;    // one write outstanding at most
  assign m_axi_gmem_ARLEN   = 8'd0;
  assign m_axi_gmem_ARSIZE  = 3'd2;
  assign m_axi_gmem_ARBURST = 2'b01;
  assign m_axi_gmem_RREADY  = e_state == E_READ;

  always @* begin
    case (rd_addr)
      A_CTRL:   rd_data = {24'd0, auto_restart, 3'd0, ready_r, ap_idle, done_r, start_r};
      A_GIE:    rd_data = {31'd0, gie};
      A_IER:    rd_data = {30'd0, ier};
      A_ISR:    rd_data = {30'd0, isr};
      A_IN_LO:  rd_data = arg_in[31:0];
      A_IN_HI:  rd_data = arg_in[63:32];
      A_OUT_LO: rd_data = arg_out[31:0];
      A_OUT_HI: rd_data = arg_out[63:32];
      A_N:      rd_data = arg_n;
      A_K:      rd_data = arg_k;
      A_RUNS:   rd_data = runs;
      default:  rd_data = 32'd0;
    endcase
  end

  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      start_r <= 1'b0; done_r <= 1'b0; ready_r <= 1'b0; auto_restart <= 1'b0; gie <= 1'b0;
      ier <= 2'b00; isr <= 2'b00;
      arg_in <= 64'd0; arg_out <= 64'd0; arg_n <= 32'd0; arg_k <= 32'd0; runs <= 32'd0;
      p_valid <= 1'b0; p_in <= 64'd0; p_out <= 64'd0; p_n <= 32'd0; p_k <= 32'd0;
      e_state <= E_IDLE; e_in <= 64'd0; e_out <= 64'd0; e_left <= 32'd0; e_k <= 32'd0;
      e_wait <= 8'd0; got_b <= 1'b0;
      m_axi_gmem_AWVALID <= 1'b0; m_axi_gmem_AWADDR <= 64'd0;
      m_axi_gmem_WVALID <= 1'b0; m_axi_gmem_WDATA <= 32'd0;
      m_axi_gmem_ARVALID <= 1'b0; m_axi_gmem_ARADDR <= 64'd0;
    end else begin
      // Host side first; kernel events below win in the same cycle.
      if (rd_en && rd_addr == A_CTRL)
        ready_r <= 1'b0;              // ap_done is not clear-on-read here
      if (wr_en) begin
        case (wr_addr)
          A_CTRL: if (wr_strb[0]) begin
            if (wr_data[0]) start_r <= 1'b1;
            if (wr_data[4]) done_r <= 1'b0;   // ap_continue
            auto_restart <= wr_data[7];
          end
          A_GIE:    if (wr_strb[0]) gie <= wr_data[0];
          A_IER:    if (wr_strb[0]) ier <= wr_data[1:0];
          A_ISR:    if (wr_strb[0]) isr <= isr ^ wr_data[1:0];
          A_IN_LO:  arg_in[31:0]   <= (arg_in[31:0] & ~wmask) | (wr_data & wmask);
          A_IN_HI:  arg_in[63:32]  <= (arg_in[63:32] & ~wmask) | (wr_data & wmask);
          A_OUT_LO: arg_out[31:0]  <= (arg_out[31:0] & ~wmask) | (wr_data & wmask);
          A_OUT_HI: arg_out[63:32] <= (arg_out[63:32] & ~wmask) | (wr_data & wmask);
          A_N:      arg_n <= (arg_n & ~wmask) | (wr_data & wmask);
          A_K:      arg_k <= (arg_k & ~wmask) | (wr_data & wmask);
          default: ;
        endcase
      end

      // Input stage: take a start into the free slot (ap_ready).
      if (start_r && !p_valid) begin
        p_valid <= 1'b1;
        p_in <= arg_in; p_out <= arg_out; p_n <= arg_n; p_k <= arg_k;
        start_r <= auto_restart;
        ready_r <= 1'b1;
        if (ier[1]) isr[1] <= 1'b1;
      end

      // Datapath.
      case (e_state)
        E_IDLE: if (p_valid) begin
          // (never in the same cycle as the input stage: that needs !p_valid)
          p_valid <= 1'b0;
          e_in <= p_in; e_out <= p_out; e_left <= p_n; e_k <= p_k;
          e_state <= E_NEXT;
        end
        E_NEXT: if (e_left == 32'd0) begin
          e_state <= E_FIN;
        end else begin
          m_axi_gmem_ARADDR <= e_in;
          m_axi_gmem_ARVALID <= 1'b1;
          e_state <= E_READ;
        end
        E_READ: begin
          if (m_axi_gmem_ARREADY) m_axi_gmem_ARVALID <= 1'b0;
          if (m_axi_gmem_RVALID) begin   // RREADY is high in this state
            m_axi_gmem_WDATA <= m_axi_gmem_RDATA * e_k;
            e_wait <= DELAY[7:0];
            e_state <= E_HOLD;
          end
        end
        E_HOLD: if (e_wait != 8'd0) begin
          e_wait <= e_wait - 8'd1;
        end else begin
          m_axi_gmem_AWADDR <= e_out;
          m_axi_gmem_AWVALID <= 1'b1;
          m_axi_gmem_WVALID <= 1'b1;
          got_b <= 1'b0;
          e_state <= E_WRITE;
        end
        E_WRITE: begin
          if (m_axi_gmem_AWREADY) m_axi_gmem_AWVALID <= 1'b0;
          if (m_axi_gmem_WREADY) m_axi_gmem_WVALID <= 1'b0;
          if (m_axi_gmem_BVALID) got_b <= 1'b1;
          if ((!m_axi_gmem_AWVALID || m_axi_gmem_AWREADY) && (!m_axi_gmem_WVALID || m_axi_gmem_WREADY) &&
              (got_b || m_axi_gmem_BVALID)) begin
            e_in <= e_in + 64'd4;
            e_out <= e_out + 64'd4;
            e_left <= e_left - 32'd1;
            e_state <= E_NEXT;
          end
        end
        E_FIN: if (!done_r) begin
          // the previous ap_done was acknowledged (or there was none)
          done_r <= 1'b1;
          runs <= runs + 32'd1;
          if (ier[0]) isr[0] <= 1'b1;
          e_state <= E_IDLE;
        end
        default: e_state <= E_IDLE;
      endcase
    end
  end
endmodule
