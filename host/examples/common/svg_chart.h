// The SVG pieces the measurement examples (dma_sweep, cmd_latency,
// layer_breakdown) draw their plots with: a white page with a title, a value
// axis of five labelled grid lines, and the closing tag.  Each example draws
// its own bars or curves between them.
#pragma once

#include <cstdio>
#include <ostream>
#include <string>

namespace svg_chart {

inline void open(std::ostream& o, double width, double height, const std::string& title, int title_size = 14,
                 double title_y = 22)
{
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  o << "<text x=\"" << width / 2 << "\" y=\"" << title_y << "\" text-anchor=\"middle\" font-size=\"" << title_size
    << "\">" << title << "</text>\n";
}

// Grid lines at 0, 1/4 .. 4/4 of ymax from x = left to x = right, labelled
// left of the axis; y maps a value to its vertical position.
template <typename Y>
void value_grid(std::ostream& o, double left, double right, double ymax, Y y)
{
  char buf[256];
  for (int i = 0; i <= 4; ++i) {
    double v = ymax * i / 4;
    std::snprintf(buf, sizeof buf,
                  "<line x1=\"%g\" y1=\"%.1f\" x2=\"%g\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%g\" y=\"%.1f\" "
                  "text-anchor=\"end\">%.1f</text>\n",
                  left, y(v), right, y(v), left - 6, y(v) + 4, v);
    o << buf;
  }
}

inline void close(std::ostream& o) { o << "</svg>\n"; }

} // namespace svg_chart
