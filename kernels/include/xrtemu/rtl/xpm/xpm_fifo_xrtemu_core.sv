// xrtemu's behavioural model of the Xilinx Parameterized Macro FIFOs
// (xpm_fifo_sync / xpm_fifo_async, as UG974 describes their ports and
// parameters), for Verilator.  Written for xrtemu; not Xilinx's source.
// Both macros instantiate this core: storage, binary pointers (crossed to
// the other clock through CDC_SYNC_STAGES flops when ASYNC=1), "std" or
// "fwft" read mode, FIFO_READ_LATENCY output stages (std), the flags and
// counts.  ECC, sleep and width conversion are not modelled (READ and WRITE
// widths must be equal; elaboration stops otherwise).
`default_nettype none
module xpm_fifo_xrtemu_core #(
  parameter integer ASYNC               = 0,
  parameter integer CDC_SYNC_STAGES     = 2,
  parameter integer FIFO_WRITE_DEPTH    = 2048,
  parameter integer WRITE_DATA_WIDTH    = 32,
  parameter integer READ_DATA_WIDTH     = 32,
  parameter integer WR_DATA_COUNT_WIDTH = 1,
  parameter integer RD_DATA_COUNT_WIDTH = 1,
  parameter integer PROG_FULL_THRESH    = 10,
  parameter integer PROG_EMPTY_THRESH   = 10,
  parameter integer FULL_RESET_VALUE    = 0,
  parameter integer FIFO_READ_LATENCY   = 1,
  parameter         READ_MODE           = "std"
) (
  input  wire                            rst,
  input  wire                            wr_clk,
  input  wire                            wr_en,
  input  wire [WRITE_DATA_WIDTH-1:0]     din,
  output wire                            full,
  output wire                            almost_full,
  output wire                            prog_full,
  output wire [WR_DATA_COUNT_WIDTH-1:0]  wr_data_count,
  output reg                             overflow,
  output reg                             wr_ack,
  output wire                            wr_rst_busy,
  input  wire                            rd_clk,
  input  wire                            rd_en,
  output wire [READ_DATA_WIDTH-1:0]      dout,
  output wire                            empty,
  output wire                            almost_empty,
  output wire                            prog_empty,
  output wire [RD_DATA_COUNT_WIDTH-1:0]  rd_data_count,
  output reg                             underflow,
  output wire                            data_valid,
  output wire                            rd_rst_busy
);
  localparam integer AW = (FIFO_WRITE_DEPTH > 1) ? $clog2(FIFO_WRITE_DEPTH) : 1;
  localparam integer PW = AW + 1;
  /* verilator lint_off WIDTH */
  localparam integer FWFT = (READ_MODE == "fwft" || READ_MODE == "FWFT") ? 1 : 0;
  /* verilator lint_on WIDTH */
  localparam integer LAT = (FWFT == 1 || FIFO_READ_LATENCY < 1) ? 1 : FIFO_READ_LATENCY;

  if (READ_DATA_WIDTH != WRITE_DATA_WIDTH) begin : width_check
    $error("xpm_fifo (xrtemu model): READ_DATA_WIDTH must equal WRITE_DATA_WIDTH");
  end

  reg [WRITE_DATA_WIDTH-1:0] mem [0:(1<<AW)-1];
  reg [PW-1:0] wr_ptr, rd_ptr;

  // Reset: rst is on wr_clk; the read side sees it through synchronisers.
  reg [1:0] wr_busy;
  always @(posedge wr_clk)
    wr_busy <= rst ? 2'b11 : {wr_busy[0], 1'b0};
  assign wr_rst_busy = rst | wr_busy[1];

  reg [CDC_SYNC_STAGES:0] rd_rst_sync;
  wire rd_rst = ASYNC != 0 ? rd_rst_sync[CDC_SYNC_STAGES] | rd_rst_sync[0] : rst;
  always @(posedge rd_clk)
    rd_rst_sync <= {rd_rst_sync[CDC_SYNC_STAGES-1:0], rst | wr_busy[1]};
  reg [1:0] rd_busy;
  always @(posedge rd_clk)
    rd_busy <= rd_rst ? 2'b11 : {rd_busy[0], 1'b0};
  assign rd_rst_busy = rd_rst | rd_busy[1];

  // Pointers seen from the other side.
  wire [PW-1:0] rd_ptr_w, wr_ptr_r;
  if (ASYNC != 0) begin : cdc
    reg [PW-1:0] to_w [0:CDC_SYNC_STAGES-1];
    reg [PW-1:0] to_r [0:CDC_SYNC_STAGES-1];
    integer i;
    always @(posedge wr_clk) begin
      to_w[0] <= rd_ptr;
      for (i = 1; i < CDC_SYNC_STAGES; i = i + 1)
        to_w[i] <= to_w[i-1];
    end
    always @(posedge rd_clk) begin
      to_r[0] <= wr_ptr;
      for (i = 1; i < CDC_SYNC_STAGES; i = i + 1)
        to_r[i] <= to_r[i-1];
    end
    assign rd_ptr_w = to_w[CDC_SYNC_STAGES-1];
    assign wr_ptr_r = to_r[CDC_SYNC_STAGES-1];
  end else begin : same_clock
    assign rd_ptr_w = rd_ptr;
    assign wr_ptr_r = wr_ptr;
  end

  // Write side.
  wire [PW-1:0] wr_used = wr_ptr - rd_ptr_w;
  wire mem_full = wr_used >= PW'(FIFO_WRITE_DEPTH);
  assign full = wr_rst_busy ? FULL_RESET_VALUE[0] : mem_full;
  assign almost_full = wr_rst_busy ? FULL_RESET_VALUE[0] : wr_used >= PW'(FIFO_WRITE_DEPTH - 1);
  assign prog_full = wr_rst_busy ? FULL_RESET_VALUE[0] : wr_used >= PW'(PROG_FULL_THRESH);
  assign wr_data_count = WR_DATA_COUNT_WIDTH'(wr_used);
  wire do_write = wr_en & ~mem_full & ~wr_rst_busy;
  always @(posedge wr_clk) begin
    if (rst) begin
      wr_ptr <= '0;
      overflow <= 1'b0;
      wr_ack <= 1'b0;
    end else begin
      if (do_write) begin
        mem[wr_ptr[AW-1:0]] <= din;
        wr_ptr <= wr_ptr + 1'b1;
      end
      overflow <= wr_en & ~do_write;
      wr_ack <= do_write;
    end
  end

  // Read side: `stored` words in memory; the output register (fwft) or the
  // latency pipeline (std) holds what was taken from it.
  wire [PW-1:0] stored = wr_ptr_r - rd_ptr;
  wire mem_empty = stored == '0;
  reg [READ_DATA_WIDTH-1:0] out_q [0:LAT-1];
  reg [LAT-1:0] valid_q;
  wire take;
  if (FWFT != 0) begin : fwft
    // The head word waits in out_q[0]; rd_en pops it.
    assign take = ~mem_empty & (~valid_q[0] | rd_en) & ~rd_rst_busy;
    assign empty = ~valid_q[0];
    assign data_valid = valid_q[0];
    always @(posedge rd_clk) begin
      if (rd_rst) begin
        valid_q <= '0;
        underflow <= 1'b0;
      end else begin
        if (take) begin
          out_q[0] <= mem[rd_ptr[AW-1:0]];
          valid_q[0] <= 1'b1;
        end else if (rd_en) begin
          valid_q[0] <= 1'b0;
        end
        underflow <= rd_en & ~valid_q[0];
      end
    end
  end else begin : std
    assign take = rd_en & ~mem_empty & ~rd_rst_busy;
    assign empty = rd_rst_busy | mem_empty;
    assign data_valid = valid_q[LAT-1];
    integer s;
    always @(posedge rd_clk) begin
      if (rd_rst) begin
        valid_q <= '0;
        underflow <= 1'b0;
      end else begin
        if (take)
          out_q[0] <= mem[rd_ptr[AW-1:0]];
        valid_q[0] <= take;
        for (s = 1; s < LAT; s = s + 1) begin
          out_q[s] <= out_q[s-1];
          valid_q[s] <= valid_q[s-1];
        end
        underflow <= rd_en & mem_empty;
      end
    end
  end
  always @(posedge rd_clk)
    if (rd_rst)
      rd_ptr <= '0;
    else if (take)
      rd_ptr <= rd_ptr + 1'b1;
  assign dout = out_q[LAT-1];

  wire fwft_held = FWFT != 0 && valid_q[0];
  wire [PW-1:0] rd_used = stored + {{(PW-1){1'b0}}, fwft_held};
  assign almost_empty = rd_used <= PW'(1);
  assign prog_empty = rd_rst_busy | (rd_used <= PW'(PROG_EMPTY_THRESH));
  assign rd_data_count = RD_DATA_COUNT_WIDTH'(rd_used);
endmodule
`default_nettype wire
