// AXI4-Lite control slave of rtl_vadd with the Vitis HLS register map, so
// XRT drives it exactly like an HLS kernel (ap_ctrl_hs):
//   0x00 AP_CTRL  0 ap_start (W1S, cleared at ap_ready), 1 ap_done (clear on
//                 read), 2 ap_idle, 3 ap_ready (clear on read), 7 auto_restart
//   0x04 GIE      0 global interrupt enable
//   0x08 IER      0 done, 1 ready
//   0x0C ISR      0 done, 1 ready (write 1 toggles)
//   0x10/0x14 a, 0x1C/0x20 b, 0x28/0x2C c (64-bit addresses), 0x34 n
// One transaction per channel at a time: AWREADY and WREADY wait until both
// address and data are there, which AXI4-Lite allows.
module rtl_vadd_control (
  input  wire        clk,
  input  wire        rst_n,
  input  wire        AWVALID,
  output wire        AWREADY,
  input  wire [5:0]  AWADDR,
  input  wire        WVALID,
  output wire        WREADY,
  input  wire [31:0] WDATA,
  input  wire [3:0]  WSTRB,
  output reg         BVALID,
  input  wire        BREADY,
  output wire [1:0]  BRESP,
  input  wire        ARVALID,
  output wire        ARREADY,
  input  wire [5:0]  ARADDR,
  output reg         RVALID,
  input  wire        RREADY,
  output reg  [31:0] RDATA,
  output wire [1:0]  RRESP,
  output wire        interrupt,
  // to the core
  output wire        ap_start,
  input  wire        ap_done,     // one-cycle pulse at the end of a run
  input  wire        ap_idle,
  input  wire        ap_ready,    // one-cycle pulse when the inputs were taken
  output reg  [63:0] a,
  output reg  [63:0] b,
  output reg  [63:0] c,
  output reg  [31:0] n
);
  localparam ADDR_CTRL = 6'h00, ADDR_GIE = 6'h04, ADDR_IER = 6'h08, ADDR_ISR = 6'h0C,
             ADDR_A_LO = 6'h10, ADDR_A_HI = 6'h14, ADDR_B_LO = 6'h1C, ADDR_B_HI = 6'h20,
             ADDR_C_LO = 6'h28, ADDR_C_HI = 6'h2C, ADDR_N = 6'h34;

  reg start_r, done_r, ready_r, auto_restart, gie;
  reg [1:0] ier, isr;

  // Write: both AW and W present, no response pending.
  wire do_write = AWVALID && WVALID && !BVALID;
  assign AWREADY = do_write;
  assign WREADY  = do_write;
  assign BRESP   = 2'b00;
  wire [31:0] wmask = {{8{WSTRB[3]}}, {8{WSTRB[2]}}, {8{WSTRB[1]}}, {8{WSTRB[0]}}};

  // Read: one at a time.
  assign ARREADY = !RVALID;
  assign RRESP   = 2'b00;
  wire do_read = ARVALID && !RVALID;

  assign ap_start  = start_r;
  assign interrupt = gie && |(isr & ier);

  function [31:0] merge(input [31:0] old, input [31:0] data, input [31:0] mask);
    merge = (old & ~mask) | (data & mask);
  endfunction

  always @(posedge clk) begin
    if (!rst_n) begin
      start_r <= 1'b0; done_r <= 1'b0; ready_r <= 1'b0; auto_restart <= 1'b0;
      gie <= 1'b0; ier <= 2'b00; isr <= 2'b00;
      BVALID <= 1'b0; RVALID <= 1'b0; RDATA <= 32'd0;
      a <= 64'd0; b <= 64'd0; c <= 64'd0; n <= 32'd0;
    end else begin
      // Core events first; a host write or read in the same cycle wins.
      if (ap_ready)
        start_r <= auto_restart;
      if (ap_done) begin
        done_r <= 1'b1;
        if (ier[0]) isr[0] <= 1'b1;
      end
      if (ap_ready) begin
        ready_r <= 1'b1;
        if (ier[1]) isr[1] <= 1'b1;
      end

      if (BVALID && BREADY)
        BVALID <= 1'b0;
      if (do_write) begin
        BVALID <= 1'b1;
        case (AWADDR)
          ADDR_CTRL: begin
            if (WSTRB[0] && WDATA[0]) start_r <= 1'b1;
            if (WSTRB[0]) auto_restart <= WDATA[7];
          end
          ADDR_GIE:  if (WSTRB[0]) gie <= WDATA[0];
          ADDR_IER:  if (WSTRB[0]) ier <= WDATA[1:0];
          ADDR_ISR:  if (WSTRB[0]) isr <= isr ^ WDATA[1:0];
          ADDR_A_LO: a[31:0]  <= merge(a[31:0], WDATA, wmask);
          ADDR_A_HI: a[63:32] <= merge(a[63:32], WDATA, wmask);
          ADDR_B_LO: b[31:0]  <= merge(b[31:0], WDATA, wmask);
          ADDR_B_HI: b[63:32] <= merge(b[63:32], WDATA, wmask);
          ADDR_C_LO: c[31:0]  <= merge(c[31:0], WDATA, wmask);
          ADDR_C_HI: c[63:32] <= merge(c[63:32], WDATA, wmask);
          ADDR_N:    n        <= merge(n, WDATA, wmask);
          default: ;
        endcase
      end

      if (RVALID && RREADY)
        RVALID <= 1'b0;
      if (do_read) begin
        RVALID <= 1'b1;
        case (ARADDR)
          ADDR_CTRL: begin
            RDATA <= {24'd0, auto_restart, 3'd0, ready_r, ap_idle, done_r, start_r};
            // Reading AP_CTRL clears ap_done and ap_ready (clear on read);
            // an event in this very cycle stays for the next read.
            if (!ap_done) done_r <= 1'b0;
            if (!ap_ready) ready_r <= 1'b0;
          end
          ADDR_GIE:  RDATA <= {31'd0, gie};
          ADDR_IER:  RDATA <= {30'd0, ier};
          ADDR_ISR:  RDATA <= {30'd0, isr};
          ADDR_A_LO: RDATA <= a[31:0];
          ADDR_A_HI: RDATA <= a[63:32];
          ADDR_B_LO: RDATA <= b[31:0];
          ADDR_B_HI: RDATA <= b[63:32];
          ADDR_C_LO: RDATA <= c[31:0];
          ADDR_C_HI: RDATA <= c[63:32];
          ADDR_N:    RDATA <= n;
          default:   RDATA <= 32'd0;
        endcase
      end
    end
  end
endmodule
