/* fuzz-import-csv.c: importing a file from elsewhere with --import-csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_FORMAT TRI_IMPORT_CSV
#define FUZZ_SUFFIX ".csv"
#include "fuzz-import.h"
