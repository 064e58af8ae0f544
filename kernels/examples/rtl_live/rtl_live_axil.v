// AXI4-Lite slave front end shared by rtl_count and rtl_chain: it turns the
// five channels into one-cycle register strobes for the kernel's register
// block.
//  * Write: AW and W are taken independently (either may come first, or both
//    together) and held; once both are here and no write response is
//    pending, wr_en is high for one cycle with wr_addr/wr_data/wr_strb, and
//    BVALID rises and stays until BREADY.
//  * Read: one at a time; rd_en is high for the cycle ARVALID is accepted,
//    rd_addr is ARADDR, and the block's rd_data (combinational, from the
//    current state) is captured into RDATA. RVALID stays until RREADY.
//    Clear-on-read side effects belong to the register block, on rd_en.
module rtl_live_axil #(
  parameter AW = 6
) (
  input  wire          clk,
  input  wire          rst_n,
  input  wire          AWVALID,
  output wire          AWREADY,
  input  wire [AW-1:0] AWADDR,
  input  wire          WVALID,
  output wire          WREADY,
  input  wire [31:0]   WDATA,
  input  wire [3:0]    WSTRB,
  output reg           BVALID,
  input  wire          BREADY,
  output wire [1:0]    BRESP,
  input  wire          ARVALID,
  output wire          ARREADY,
  input  wire [AW-1:0] ARADDR,
  output reg           RVALID,
  input  wire          RREADY,
  output reg  [31:0]   RDATA,
  output wire [1:0]    RRESP,
  // register block side
  output wire          wr_en,
  output reg  [AW-1:0] wr_addr,
  output reg  [31:0]   wr_data,
  output reg  [3:0]    wr_strb,
  output wire          rd_en,
  output wire [AW-1:0] rd_addr,
  input  wire [31:0]   rd_data
);
  reg aw_full, w_full;   // address / data of the next write are held

  assign AWREADY = !aw_full;
  assign WREADY  = !w_full;
  assign BRESP   = 2'b00;
  assign wr_en   = aw_full && w_full && !BVALID;

  assign ARREADY = !RVALID;
  assign RRESP   = 2'b00;
  assign rd_en   = ARVALID && !RVALID;
  assign rd_addr = ARADDR;

  always @(posedge clk) begin
    if (!rst_n) begin
      aw_full <= 1'b0; w_full <= 1'b0;
      wr_addr <= {AW{1'b0}}; wr_data <= 32'd0; wr_strb <= 4'd0;
      BVALID <= 1'b0; RVALID <= 1'b0; RDATA <= 32'd0;
    end else begin
      if (BVALID && BREADY)
        BVALID <= 1'b0;
      if (wr_en) begin
        // performed by the register block this cycle
        aw_full <= 1'b0;
        w_full <= 1'b0;
        BVALID <= 1'b1;
      end
      if (AWVALID && !aw_full) begin
        aw_full <= 1'b1;
        wr_addr <= AWADDR;
      end
      if (WVALID && !w_full) begin
        w_full <= 1'b1;
        wr_data <= WDATA;
        wr_strb <= WSTRB;
      end

      if (RVALID && RREADY)
        RVALID <= 1'b0;
      if (rd_en) begin
        RVALID <= 1'b1;
        RDATA <= rd_data;
      end
    end
  end
endmodule
