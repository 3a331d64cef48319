/* What the native HMACSHA256.HashData costs, in x86 instructions (tools/InterpCost/count.sh, docs/benchmarks.md
   "Password hash"): one HMAC-SHA256 of a 32-byte block under a 13-byte key with mbedtls_md_hmac, what nanoFramework's
   native does with mbed TLS, as PBKDF2's iterations call it. count.sh runs it with N and 2N under callgrind, collecting
   only inside work(), and takes the difference over N. */
#include <mbedtls/md.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char key[13] = "correct horse";
static unsigned char block[32];

__attribute__((noinline)) static void work(int n)
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    for (int i = 0; i < n; i++)
    {
        mbedtls_md_hmac(info, key, sizeof key, block, sizeof block, block);
    }
}

int main(int argc, char **argv)
{
    work(argc > 1 ? atoi(argv[1]) : 1);
    printf("%02x\n", block[0]); /* the result is used: the loop is not optimised away */
    return 0;
}
