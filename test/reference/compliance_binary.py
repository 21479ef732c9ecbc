#!/usr/bin/python3
"""Binary COPY files of one compliance column, written byte by byte from the
PostgreSQL documentation of the binary COPY format and from compliance's wire
form (documented in sql/40_compliance.sql): a version byte (1), a big-endian
uint16 dimension mask, then per dimension in ascending order two big-endian
float8 (weighted score, weight) and three big-endian int64 (assessed, met,
not assessed).

Besides named valid and invalid files, it writes fuzz cases: valid values
mutated at random (bytes flipped, cut or added) and random bytes, one value
per file, with a manifest saying -- by the rules re-implemented here, not by
asking the extension -- whether each is valid and, if so, the bytes
compliance_send must give back.
"""
import math
import os
import random
import struct
import sys

HEADER = b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0)
TRAILER = struct.pack(">h", -1)
SLACK = 1e-9


def copy_file(*payloads):
    body = b"".join(struct.pack(">hi", 1, len(p)) + p for p in payloads)
    return HEADER + body + TRAILER


def value(dims, version=1):
    """dims: {dimension: (weighted_score, weight, assessed, met, not_assessed)}"""
    mask = 0
    for d in dims:
        mask |= 1 << (d - 1)
    out = struct.pack(">BH", version, mask)
    for d in sorted(dims):
        s, w, a, m, n = dims[d]
        out += struct.pack(">ddqqq", s, w, a, m, n)
    return out


def expected_send(payload):
    """None when the rules refuse the payload, else what compliance_send returns."""
    if len(payload) < 3:
        return None
    version, mask = struct.unpack(">BH", payload[:3])
    if version != 1:
        return None
    n = bin(mask).count("1")
    if len(payload) != 3 + 40 * n:
        return None
    out = payload[:3]
    for i in range(n):
        s, w, a, m, na = struct.unpack(">ddqqq", payload[3 + 40 * i: 43 + 40 * i])
        if not (math.isfinite(s) and math.isfinite(w)):
            return None
        if s < 0 or w < 0 or a < 0 or m < 0 or na < 0 or m > a:
            return None
        if a == 0 and na == 0:
            return None
        if a == 0 and (s != 0 or w != 0):
            return None
        if s > w * (1.0 + SLACK):
            return None
        # within the slack, a weighted score above the weight is read as the
        # weight (a score above 100 is never stored); -0.0 is stored (and
        # sent back) as +0.0
        out += struct.pack(">ddqqq", min(s, w) + 0.0, w + 0.0, a, m, na)
    return out


def mutate(rng, payload):
    b = bytearray(payload)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(5)
        if op == 0 and b:                          # flip a random bit
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and b:                        # replace a byte
            b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 2 and b:                        # cut the tail
            del b[rng.randrange(len(b)):]
        elif op == 3:                              # add bytes
            b += bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif b:                                    # change a low-order byte of a count or float
            i = rng.randrange(len(b))
            b[i] = (b[i] + rng.choice([1, 255])) % 256
    return bytes(b)


def main(outdir):
    valid = [value({}), value({1: (1.5, 2.0, 2, 1, 0), 3: (0.5, 1.0, 1, 0, 0)}),
             value({16: (0.0, 0.0, 0, 0, 7)}),
             value({2: (0.1, 0.30000000000000004, 3, 0, 0), 6: (1e-300, 1e300, 1, 0, 0)})]
    one = {1: (1.5, 2.0, 2, 1, 0)}
    files = {
        "compliance_valid.bin": copy_file(*valid),
        "compliance_version0.bin": copy_file(value(one, version=0)),
        "compliance_version2.bin": copy_file(value(one, version=2)),
        "compliance_short.bin": copy_file(value(one)[:-1]),
        "compliance_long.bin": copy_file(value(one) + b"\0"),
        "compliance_tiny.bin": copy_file(b"\x01\x00"),
        "compliance_empty_field.bin": copy_file(b""),
        "compliance_mask_lies.bin": copy_file(struct.pack(">BH", 1, 3) + value(one)[3:]),
        "compliance_met_above.bin": copy_file(value({1: (0.5, 1.0, 1, 2, 0)})),
        "compliance_negative_count.bin": copy_file(value({1: (0.5, 1.0, 1, 0, -1)})),
        "compliance_nan.bin": copy_file(value({1: (float("nan"), 1.0, 1, 0, 0)})),
        "compliance_infinite.bin": copy_file(value({1: (0.0, float("inf"), 1, 0, 0)})),
        "compliance_negative_weight.bin": copy_file(value({1: (0.0, -1.0, 1, 0, 0)})),
        "compliance_score_above.bin": copy_file(value({1: (2.0, 1.0, 2, 0, 0)})),
        "compliance_no_items.bin": copy_file(value({1: (0.0, 0.0, 0, 0, 0)})),
    }
    for name, data in files.items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)

    rng = random.Random(20240601)
    with open(os.path.join(outdir, "compliance_fuzz.tsv"), "w") as manifest:
        for case in range(400):
            if case % 8 == 7:
                payload = bytes(rng.randrange(256) for _ in range(rng.randrange(90)))
            else:
                payload = mutate(rng, rng.choice(valid[1:]))
            with open(os.path.join(outdir, "compliance_fuzz_%03d.bin" % case), "wb") as f:
                f.write(copy_file(payload))
            want = expected_send(payload)
            manifest.write("%d\t%s\n" % (case, "invalid" if want is None else "\\\\x" + want.hex()))


if __name__ == "__main__":
    main(sys.argv[1])
