/* fuzz-import-timelinejs.c: importing a file from elsewhere with --import-timelinejs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_FORMAT TRI_IMPORT_TIMELINEJS
#define FUZZ_SUFFIX ".json"
#include "fuzz-import.h"
