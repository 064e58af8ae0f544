// rtl_vadd: c[i] = a[i] + b[i] for n 32-bit words, an RTL kernel in the
// shape Vitis expects (ap_clk, active-low ap_rst_n, s_axi_control with the
// HLS register map, one AXI4 master m_axi_gmem, interrupt, ap_ctrl_hs).
// Per chunk of up to 16 words: two read bursts (a then b, both in flight at
// once, same ID so they return in order), then one write burst of the sums.
// A chunk never crosses a 4 KiB page of a or b or c (AXI4 forbids bursts
// that do), so unaligned vectors are split.
module rtl_vadd (
  input  wire        ap_clk,
  input  wire        ap_rst_n,
  output wire        interrupt,

  output reg         m_axi_gmem_AWVALID,
  input  wire        m_axi_gmem_AWREADY,
  output reg  [63:0] m_axi_gmem_AWADDR,
  output reg  [7:0]  m_axi_gmem_AWLEN,
  output wire [2:0]  m_axi_gmem_AWSIZE,
  output wire [1:0]  m_axi_gmem_AWBURST,
  output reg         m_axi_gmem_WVALID,
  input  wire        m_axi_gmem_WREADY,
  output wire [31:0] m_axi_gmem_WDATA,
  output wire [3:0]  m_axi_gmem_WSTRB,
  output wire        m_axi_gmem_WLAST,
  input  wire        m_axi_gmem_BVALID,
  output wire        m_axi_gmem_BREADY,
  input  wire [1:0]  m_axi_gmem_BRESP,
  output reg         m_axi_gmem_ARVALID,
  input  wire        m_axi_gmem_ARREADY,
  output reg  [63:0] m_axi_gmem_ARADDR,
  output reg  [7:0]  m_axi_gmem_ARLEN,
  output wire [2:0]  m_axi_gmem_ARSIZE,
  output wire [1:0]  m_axi_gmem_ARBURST,
  input  wire        m_axi_gmem_RVALID,
  output wire        m_axi_gmem_RREADY,
  input  wire [31:0] m_axi_gmem_RDATA,
  input  wire [1:0]  m_axi_gmem_RRESP,
  input  wire        m_axi_gmem_RLAST,

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
  wire        ap_start;
  reg         ap_done, ap_ready;
  wire [63:0] arg_a, arg_b, arg_c;
  wire [31:0] arg_n;

  localparam S_IDLE = 3'd0, S_AR_A = 3'd1, S_AR_B = 3'd2, S_READ = 3'd3, S_WRITE = 3'd4, S_RESP = 3'd5;
  reg [2:0]  state;
  wire       ap_idle = state == S_IDLE;

  rtl_vadd_control control (
    .clk(ap_clk), .rst_n(ap_rst_n),
    .AWVALID(s_axi_control_AWVALID), .AWREADY(s_axi_control_AWREADY), .AWADDR(s_axi_control_AWADDR),
    .WVALID(s_axi_control_WVALID), .WREADY(s_axi_control_WREADY), .WDATA(s_axi_control_WDATA),
    .WSTRB(s_axi_control_WSTRB), .BVALID(s_axi_control_BVALID), .BREADY(s_axi_control_BREADY),
    .BRESP(s_axi_control_BRESP), .ARVALID(s_axi_control_ARVALID), .ARREADY(s_axi_control_ARREADY),
    .ARADDR(s_axi_control_ARADDR), .RVALID(s_axi_control_RVALID), .RREADY(s_axi_control_RREADY),
    .RDATA(s_axi_control_RDATA), .RRESP(s_axi_control_RRESP), .interrupt(interrupt),
    .ap_start(ap_start), .ap_done(ap_done), .ap_idle(ap_idle), .ap_ready(ap_ready),
    .a(arg_a), .b(arg_b), .c(arg_c), .n(arg_n));

  reg [63:0] pa, pb, pc;       // next word of a, b, c
  reg [31:0] left;             // words still to do
  reg [4:0]  chunk;            // words in this chunk (1..16)
  reg [5:0]  got;              // read beats received in this chunk (a's, then b's)
  reg [4:0]  sent;             // write beats sent in this chunk
  reg        err;              // an AXI error response was seen (kept for debugging)
  reg [31:0] buf_a [0:15];
  reg [31:0] buf_b [0:15];

  // Words until the next 4 KiB page boundary of an address (1..1024).
  function [10:0] to_page(input [63:0] addr);
    to_page = 11'd1024 - {1'b0, addr[11:2]};
  endfunction
  function [4:0] min_chunk(input [31:0] rest, input [10:0] pa_w, input [10:0] pb_w, input [10:0] pc_w);
    reg [31:0] m;
    begin
      m = rest > 32'd16 ? 32'd16 : rest;
      if ({21'd0, pa_w} < m) m = {21'd0, pa_w};
      if ({21'd0, pb_w} < m) m = {21'd0, pb_w};
      if ({21'd0, pc_w} < m) m = {21'd0, pc_w};
      min_chunk = m[4:0];
    end
  endfunction

  assign m_axi_gmem_ARSIZE  = 3'd2;    // 4 bytes a beat
  assign m_axi_gmem_ARBURST = 2'b01;   // INCR
  assign m_axi_gmem_AWSIZE  = 3'd2;
  assign m_axi_gmem_AWBURST = 2'b01;
  assign m_axi_gmem_RREADY  = state == S_AR_B || state == S_READ;
  assign m_axi_gmem_BREADY  = state == S_RESP;
  assign m_axi_gmem_WDATA   = buf_a[sent[3:0]] + buf_b[sent[3:0]];
  assign m_axi_gmem_WSTRB   = 4'hF;
  assign m_axi_gmem_WLAST   = sent == chunk - 5'd1;

  wire [4:0] next_chunk = min_chunk(left, to_page(pa), to_page(pb), to_page(pc));

  always @(posedge ap_clk) begin
    if (!ap_rst_n) begin
      state <= S_IDLE;
      ap_done <= 1'b0; ap_ready <= 1'b0;
      m_axi_gmem_ARVALID <= 1'b0; m_axi_gmem_AWVALID <= 1'b0; m_axi_gmem_WVALID <= 1'b0;
      m_axi_gmem_ARADDR <= 64'd0; m_axi_gmem_AWADDR <= 64'd0;
      m_axi_gmem_ARLEN <= 8'd0; m_axi_gmem_AWLEN <= 8'd0;
      pa <= 64'd0; pb <= 64'd0; pc <= 64'd0; left <= 32'd0;
      chunk <= 5'd0; got <= 6'd0; sent <= 5'd0; err <= 1'b0;
    end else begin
      ap_done <= 1'b0;
      ap_ready <= 1'b0;
      case (state)
        S_IDLE: if (ap_start) begin
          pa <= arg_a; pb <= arg_b; pc <= arg_c; left <= arg_n; err <= 1'b0;
          ap_ready <= 1'b1;             // inputs taken
          state <= S_AR_A;
          chunk <= 5'd0;
        end
        S_AR_A: begin
          if (left == 32'd0) begin
            ap_done <= 1'b1;
            state <= S_IDLE;
          end else if (!m_axi_gmem_ARVALID) begin
            chunk <= next_chunk;
            m_axi_gmem_ARADDR <= pa;
            m_axi_gmem_ARLEN <= {3'd0, next_chunk - 5'd1};
            m_axi_gmem_ARVALID <= 1'b1;
          end else if (m_axi_gmem_ARREADY) begin
            // a's burst accepted: b's goes out while a's data may already flow
            m_axi_gmem_ARADDR <= pb;
            state <= S_AR_B;
            got <= 6'd0;
          end
        end
        S_AR_B, S_READ: begin
          if (state == S_AR_B && m_axi_gmem_ARREADY) begin
            m_axi_gmem_ARVALID <= 1'b0;
            state <= S_READ;
          end
          if (m_axi_gmem_RVALID) begin
            if (got < {1'b0, chunk}) buf_a[got[3:0]] <= m_axi_gmem_RDATA;
            else buf_b[got[3:0] - chunk[3:0]] <= m_axi_gmem_RDATA;
            if (m_axi_gmem_RRESP != 2'b00) err <= 1'b1;
            got <= got + 6'd1;
            if (got == {chunk, 1'b0} - 6'd1) begin
              state <= S_WRITE;
              m_axi_gmem_AWADDR <= pc;
              m_axi_gmem_AWLEN <= {3'd0, chunk - 5'd1};
              m_axi_gmem_AWVALID <= 1'b1;
              m_axi_gmem_WVALID <= 1'b1;
              sent <= 5'd0;
            end
          end
        end
        S_WRITE: begin
          if (m_axi_gmem_AWVALID && m_axi_gmem_AWREADY)
            m_axi_gmem_AWVALID <= 1'b0;
          if (m_axi_gmem_WVALID && m_axi_gmem_WREADY) begin
            sent <= sent + 5'd1;
            if (m_axi_gmem_WLAST) begin
              m_axi_gmem_WVALID <= 1'b0;
              state <= S_RESP;
            end
          end
        end
        S_RESP: if (m_axi_gmem_AWVALID) begin
          // a slave may take all of W before the address
          if (m_axi_gmem_AWREADY) m_axi_gmem_AWVALID <= 1'b0;
        end else if (m_axi_gmem_BVALID) begin
          if (m_axi_gmem_BRESP != 2'b00) err <= 1'b1;
          pa <= pa + {57'd0, chunk, 2'd0};
          pb <= pb + {57'd0, chunk, 2'd0};
          pc <= pc + {57'd0, chunk, 2'd0};
          left <= left - {27'd0, chunk};
          state <= S_AR_A;
        end
        default: state <= S_IDLE;
      endcase
    end
  end
endmodule
