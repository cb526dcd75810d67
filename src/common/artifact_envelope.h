// The envelope checks of ReadJsonArtifact (invplan/artifact.h) on a document
// that a reader parsed itself (e.g. with a callback that drops what it has
// converted): format, integer schema_version, not newer than this program reads.
#pragma once

#include <string>

#include "invplan/artifact.h"

namespace invplan {

// Throws Error(kArtifact) with ReadJsonArtifact's messages; `name` is the
// file's name in them.
void CheckArtifactEnvelope(const Json& doc, const std::string& name, const std::string& format,
                           int max_schema_version);

}  // namespace invplan
