/* osip_parse FILE N: parses the message in FILE N times with libosip2 (Debian libosip2-dev), the C reference
   of docs/benchmarks.md. Each round is what a libosip2 user does per datagram: init, parse, free. */
#include <osipparser2/osip_parser.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: osip_parse FILE N\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    static char buf[65536];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    long n = atol(argv[2]);
    parser_init();
    long check = 0;
    for (long i = 0; i < n; i++) {
        osip_message_t *msg;
        osip_message_init(&msg);
        if (osip_message_parse(msg, buf, len) != 0) {
            fprintf(stderr, "parse failed\n");
            return 1;
        }
        check += osip_message_get_call_id(msg) != NULL;
        osip_message_free(msg);
    }
    printf("%ld\n", check);
    return 0;
}
