// rtl_clocks: a kernel with a second clock (ap_clk_2), to show that both
// run at the platform's frequencies.  ap_ctrl_hs, no interrupt line.  A run
// counts `cycles` (argument, 0x10) edges of ap_clk and samples a free-running
// ap_clk_2 counter at its start and end; the module's own read-only
// registers give the two counts: 0x18 ap_clk cycles, 0x1C ap_clk_2 cycles.
// (The ap_clk_2 counter is read across clock domains without a
// synchroniser: fine in simulation, where both are deterministic.)
module rtl_clocks (
  input  wire        ap_clk,
  input  wire        ap_rst_n,
  input  wire        ap_clk_2,
  input  wire        ap_rst_n_2,
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
  // ap_clk_2 domain: counts its own rising edges.
  reg [31:0] count2;
  always @(posedge ap_clk_2) begin
    if (!ap_rst_n_2) count2 <= 32'd0;
    else count2 <= count2 + 32'd1;
  end

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

  reg        start, busy, done, ready;
  reg [31:0] cycles, left, count1, first2, delta2;

  always @(*) begin
    case (rd_addr)
      6'h00: rd_data = {28'd0, ready, !busy, done, start};
      6'h10: rd_data = cycles;
      6'h18: rd_data = count1;
      6'h1C: rd_data = delta2;
      default: rd_data = 32'd0;
    endcase
  end

  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      start <= 1'b0; busy <= 1'b0; done <= 1'b0; ready <= 1'b0;
      cycles <= 32'd0; left <= 32'd0; count1 <= 32'd0; first2 <= 32'd0; delta2 <= 32'd0;
    end else begin
      // ap_done and ap_ready clear when AP_CTRL is read.
      if (rd_en && rd_addr == 6'h00) begin
        done <= 1'b0;
        ready <= 1'b0;
      end
      if (wr_en && wr_addr == 6'h00 && wr_data[0])
        start <= 1'b1;
      if (wr_en && wr_addr == 6'h10)
        cycles <= wr_data;
      if (start && !busy) begin
        start <= 1'b0;
        busy <= 1'b1;
        left <= cycles;
        count1 <= 32'd0;
        first2 <= count2;
      end else if (busy) begin
        if (left == 32'd0) begin
          busy <= 1'b0;
          done <= 1'b1;
          ready <= 1'b1;
          delta2 <= count2 - first2;
        end else begin
          left <= left - 32'd1;
          count1 <= count1 + 32'd1;
        end
      end
    end
  end
endmodule
