-- Binary input (rate_recv) through COPY ... (FORMAT binary), from files written
-- byte by byte by test/reference/rate_binary.py.  :fixtures is the directory
-- the test runner copied them to, readable by the server.
BEGIN;
SET search_path = medalliance, public;
SELECT plan(6);

CREATE TEMP TABLE received (r rate);
SELECT lives_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/rate_valid.bin'),
                'a valid binary file loads');
SELECT results_eq($$SELECT r::text FROM received$$,
                  $$VALUES ('45/100'), ('0/0'), ('9223372036854775807/9223372036854775807')$$,
                  'binary input decodes big-endian int64 pairs');
SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/rate_negative.bin'),
                 '22P03', 'invalid rate -1/5', 'a negative count in binary input is refused');
SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/rate_inverted.bin'),
                 '22P03', 'invalid rate 6/5', 'numerator above denominator in binary input is refused');
SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/rate_short.bin'),
                 '22P03', 'invalid binary rate: 8 bytes', 'a truncated binary value is refused as bad data (22P03), not as a protocol error');
SELECT throws_ok(format('COPY received FROM %L (FORMAT binary)', :'fixtures' || '/rate_long.bin'),
                 '22P03', NULL, 'a binary value with bytes left over is refused');

SELECT * FROM finish();
ROLLBACK;
