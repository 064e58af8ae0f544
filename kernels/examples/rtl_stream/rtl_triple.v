// rtl_triple: a free-running (ap_ctrl_none) AXI4-Stream kernel in Verilog.
// Every beat from s_axis_in leaves on m_axis_out with TDATA * 3, TKEEP and
// TLAST as they came.  One output register; the input is ready whenever
// that register is empty or being emptied, so it runs at a beat a cycle and
// holds back without losing data when the output stalls.
module rtl_triple (
  input  wire        ap_clk,
  input  wire        ap_rst_n,

  input  wire        s_axis_in_TVALID,
  output wire        s_axis_in_TREADY,
  input  wire [31:0] s_axis_in_TDATA,
  input  wire [3:0]  s_axis_in_TKEEP,
  input  wire        s_axis_in_TLAST,

  output reg         m_axis_out_TVALID,
  input  wire        m_axis_out_TREADY,
  output reg  [31:0] m_axis_out_TDATA,
  output reg  [3:0]  m_axis_out_TKEEP,
  output reg         m_axis_out_TLAST
);
  assign s_axis_in_TREADY = ap_rst_n && (!m_axis_out_TVALID || m_axis_out_TREADY);

  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      m_axis_out_TVALID <= 1'b0;
      m_axis_out_TDATA <= 32'd0;
      m_axis_out_TKEEP <= 4'd0;
      m_axis_out_TLAST <= 1'b0;
    end else if (s_axis_in_TREADY) begin
      // Takes the next beat (or empties) in the same cycle the last one left.
      m_axis_out_TVALID <= s_axis_in_TVALID;
      if (s_axis_in_TVALID) begin
        m_axis_out_TDATA <= s_axis_in_TDATA * 32'd3;
        m_axis_out_TKEEP <= s_axis_in_TKEEP;
        m_axis_out_TLAST <= s_axis_in_TLAST;
      end
    end
  end
endmodule
