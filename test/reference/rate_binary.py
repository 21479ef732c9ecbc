#!/usr/bin/python3
"""Binary COPY files of one rate column, written byte by byte from the
PostgreSQL documentation of the binary COPY format and of rate's wire form
(two big-endian int64): a valid file and three that rate_recv must refuse.
"""
import os
import struct
import sys

HEADER = b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0)
TRAILER = struct.pack(">h", -1)


def rate_file(*fields):
    body = b"".join(struct.pack(">hi", 1, len(f)) + f for f in fields)
    return HEADER + body + TRAILER


def main(outdir):
    files = {
        "rate_valid.bin": rate_file(struct.pack(">qq", 45, 100), struct.pack(">qq", 0, 0),
                                    struct.pack(">qq", 2**63 - 1, 2**63 - 1)),
        "rate_negative.bin": rate_file(struct.pack(">qq", -1, 5)),
        "rate_inverted.bin": rate_file(struct.pack(">qq", 6, 5)),
        "rate_short.bin": rate_file(struct.pack(">q", 5)),
        "rate_long.bin": rate_file(struct.pack(">qqq", 1, 2, 3)),
    }
    for name, data in files.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1])
