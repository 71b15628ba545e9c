// What the indexer and its extraction workers say to each other, over the worker's stdin and
// stdout. A request is one line of JSON, {"path": ..., "sha256": ...}. A reply is a frame
// "SCR <json length> <binary length>\n<json><binary>": the analysis (encode_analysis, without
// its pages: they are in the text cache) and the serialised Xapian document of its text. Lengths
// frame the reply, so a document holding any bytes (newlines, "SCR ") cannot be misread.
#pragma once

#include <string>

#include "analyse.h"
#include "extract_pool.h"

namespace scr::worker_protocol {

std::string encode_request(const ExtractRequest& request);
/// Throws scr::Error when `line` is not a request.
ExtractRequest decode_request(const std::string& line);

/// The reply for `analysis`. The worker clears its pages first: they are in the text cache and in
/// the document, and would double the bytes sent.
std::string encode_reply(const AnalysedFile& analysis);
/// Takes one complete reply from the front of `buffer`: true with its two parts (the analysis's
/// JSON and the document's bytes), false when the buffer does not hold a whole reply yet. Throws
/// scr::Error when the buffer does not start with a frame header.
bool take_reply(std::string& buffer, std::string& json_part, std::string& binary_part);

}  // namespace scr::worker_protocol
