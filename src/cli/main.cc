// The invplan program: everything is in the library; see src/cli/app.cc.
#include "cli/command.h"

int main(int argc, char** argv) {
  return invplan::cli::Main(argc, argv);
}
