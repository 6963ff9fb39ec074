/* fuzz-import-gdelt.c: importing a file from elsewhere with --import-gdelt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_FORMAT TRI_IMPORT_GDELT
#define FUZZ_SUFFIX ".tsv"
#include "fuzz-import.h"
