/* fuzz-import-json.c: importing a file from elsewhere with --import-json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_FORMAT TRI_IMPORT_JSON
#define FUZZ_SUFFIX ".json"
#include "fuzz-import.h"
