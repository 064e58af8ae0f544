// xpm_fifo_async: a FIFO with separate write and read clocks (pointers cross through CDC_SYNC_STAGES flops).
// Port and parameter names as Xilinx documents the macro (UG974); the
// behaviour is xrtemu's model in xpm_fifo_xrtemu_core.sv.  Verilator finds
// this file through package_xo's -y search path when a kernel instantiates
// the macro.
`default_nettype none
module xpm_fifo_async #(
  parameter integer CDC_SYNC_STAGES     = 2,
  parameter integer RELATED_CLOCKS      = 0,
  parameter integer CASCADE_HEIGHT      = 0,
  parameter         DOUT_RESET_VALUE    = "0",
  parameter         ECC_MODE            = "no_ecc",
  parameter         FIFO_MEMORY_TYPE    = "auto",
  parameter integer FIFO_READ_LATENCY   = 1,
  parameter integer FIFO_WRITE_DEPTH    = 2048,
  parameter integer FULL_RESET_VALUE    = 0,
  parameter integer PROG_EMPTY_THRESH   = 10,
  parameter integer PROG_FULL_THRESH    = 10,
  parameter integer RD_DATA_COUNT_WIDTH = 1,
  parameter integer READ_DATA_WIDTH     = 32,
  parameter         READ_MODE           = "std",
  parameter integer SIM_ASSERT_CHK      = 0,
  parameter         USE_ADV_FEATURES    = "0707",
  parameter integer WAKEUP_TIME         = 0,
  parameter integer WRITE_DATA_WIDTH    = 32,
  parameter integer WR_DATA_COUNT_WIDTH = 1
) (
  input  wire                            sleep,
  input  wire                            rst,
  input  wire                            wr_clk,
  input  wire                            wr_en,
  input  wire [WRITE_DATA_WIDTH-1:0]     din,
  output wire                            full,
  output wire                            prog_full,
  output wire [WR_DATA_COUNT_WIDTH-1:0]  wr_data_count,
  output wire                            overflow,
  output wire                            wr_rst_busy,
  output wire                            almost_full,
  output wire                            wr_ack,
  input  wire                            rd_clk,
  input  wire                            rd_en,
  output wire [READ_DATA_WIDTH-1:0]      dout,
  output wire                            empty,
  output wire                            prog_empty,
  output wire [RD_DATA_COUNT_WIDTH-1:0]  rd_data_count,
  output wire                            underflow,
  output wire                            rd_rst_busy,
  output wire                            almost_empty,
  output wire                            data_valid,
  input  wire                            injectsbiterr,
  input  wire                            injectdbiterr,
  output wire                            sbiterr,
  output wire                            dbiterr
);
  assign sbiterr = 1'b0;
  assign dbiterr = 1'b0;
  xpm_fifo_xrtemu_core #(
    .ASYNC(1), .CDC_SYNC_STAGES(CDC_SYNC_STAGES),
    .FIFO_WRITE_DEPTH(FIFO_WRITE_DEPTH), .WRITE_DATA_WIDTH(WRITE_DATA_WIDTH), .READ_DATA_WIDTH(READ_DATA_WIDTH),
    .WR_DATA_COUNT_WIDTH(WR_DATA_COUNT_WIDTH), .RD_DATA_COUNT_WIDTH(RD_DATA_COUNT_WIDTH),
    .PROG_FULL_THRESH(PROG_FULL_THRESH), .PROG_EMPTY_THRESH(PROG_EMPTY_THRESH),
    .FULL_RESET_VALUE(FULL_RESET_VALUE), .FIFO_READ_LATENCY(FIFO_READ_LATENCY), .READ_MODE(READ_MODE)
  ) core (
    .rst(rst), .wr_clk(wr_clk), .wr_en(wr_en), .din(din), .full(full), .almost_full(almost_full),
    .prog_full(prog_full), .wr_data_count(wr_data_count), .overflow(overflow), .wr_ack(wr_ack),
    .wr_rst_busy(wr_rst_busy), .rd_clk(rd_clk), .rd_en(rd_en), .dout(dout), .empty(empty),
    .almost_empty(almost_empty), .prog_empty(prog_empty), .rd_data_count(rd_data_count),
    .underflow(underflow), .data_valid(data_valid), .rd_rst_busy(rd_rst_busy)
  );
endmodule
`default_nettype wire
