/* Fuzz the FSIII code-system reader (FHIR CodeSystem JSON). */
#include <stddef.h>
#include <stdint.h>

#include "core/fsiii.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct fsiii_codesystem cs;
    char err[256];
    fsiii_parse((const char *)data, size, &a, &cs, err, sizeof err);
    arena_release(&a);
    return 0;
}
