// Building the metadata documents (kernel XML, BUILD_METADATA JSON) out of
// boost property trees without deep copies: ptree::add_child and push_back
// copy the whole subtree, and the writers nest four levels deep, so each
// level would copy everything below it again.  These move a finished
// subtree into place instead (an empty node is added, then swapped).
#pragma once

#include <boost/property_tree/ptree.hpp>

#include <string>

namespace xrtemu::xclbin::detail {

// parent.<path> = child, child left empty.
inline void attach(boost::property_tree::ptree& parent, const std::string& path,
                   boost::property_tree::ptree&& child)
{
  parent.add_child(path, boost::property_tree::ptree()).swap(child);
}

// ptree has no array type: a JSON array is a node whose children have empty
// keys.  Appends child to that array, child left empty.
inline void append(boost::property_tree::ptree& array, boost::property_tree::ptree&& child)
{
  array.push_back(std::make_pair(std::string(), boost::property_tree::ptree()))->second.swap(child);
}

} // namespace xrtemu::xclbin::detail
