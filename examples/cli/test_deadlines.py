"""Deadline rules of Vietnamese one-stop procedures, checked through `motcua due --jsonl`.

This is how a test suite written in another language (Java, .NET, PHP, Python…) asks motcua:
one process, JSON lines in, one JSON line out per input line, in order. Standard library only.

    python3 -m unittest discover -s examples/cli -v

The suite runs the program named by the environment variable MOTCUA; without it, it builds
./cmd/motcua with the Go toolchain (`go build`) into a temporary folder first.
"""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 120  # seconds for any one run of motcua


def setUpModule():
    global MOTCUA, _tmp
    MOTCUA = os.environ.get("MOTCUA")
    _tmp = None
    if not MOTCUA:
        _tmp = tempfile.mkdtemp(prefix="motcua-")
        MOTCUA = os.path.join(_tmp, "motcua")
        go = shutil.which("go") or "/usr/local/go/bin/go"
        subprocess.run([go, "build", "-o", MOTCUA, "./cmd/motcua"], cwd=ROOT, check=True, timeout=600)


def tearDownModule():
    if _tmp:
        shutil.rmtree(_tmp, ignore_errors=True)


def due(cases, *flags):
    """Sends each case (a dict) as one line to `motcua due --jsonl`; returns the result lines
    (dicts, in order) and the exit status."""
    lines = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    proc = subprocess.run([MOTCUA, "due", "--jsonl", *flags], input=lines.encode("utf-8"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    out = [json.loads(l) for l in proc.stdout.decode("utf-8").splitlines()]
    return out, proc.returncode, proc.stderr.decode("utf-8")


def due_one(received, limit=None, **extra):
    case = {"id": "x", "received": received, **extra}
    if limit is not None:
        case["limit"] = limit
    out, code, stderr = due([case])
    assert len(out) == 1, out
    if code != 0:
        raise AssertionError("motcua failed (%d): %s %s" % (code, out, stderr))
    return out[0]["due"]


class TetAndDaysOff(unittest.TestCase):
    def test_friday_before_tet_2026(self):
        # Tết Bính Ngọ: Mon 16 to Fri 20 February 2026 are off; 3 working days from Friday
        # 13 February 15:00 are Mon 23, Tue 24, Wed 25 at the same time of day.
        self.assertEqual(due_one("2026-02-13T15:00:00+07:00", "3wd"), "2026-02-25T15:00:00+07:00")

    def test_vietnamese_spelling_of_the_limit(self):
        self.assertEqual(due_one("2026-02-13T16:20:00+07:00", "5 ngày làm việc"), "2026-02-27T16:20:00+07:00")

    def test_calendar_days_ending_on_a_holiday(self):
        # 15 calendar days from 15 April 2026 end on 30 April (a holiday), then the weekend:
        # the close of the next working day, Mon 4 May (Civil Code 2015 Art. 148(5)).
        self.assertEqual(due_one("2026-04-15T10:00:00+07:00", "15 ngày"), "2026-05-04T17:00:00+07:00")


class OfficeHours(unittest.TestCase):
    def test_received_after_closing(self):
        # Friday 17:45 is out of hours: counting starts Monday 07:30, so 3 working days end at
        # the close of Wednesday.
        self.assertEqual(due_one("2026-03-13T17:45:00+07:00", "3wd"), "2026-03-18T17:00:00+07:00")

    def test_received_at_lunch(self):
        self.assertEqual(due_one("2026-03-10T12:15:00+07:00", "1wd"), "2026-03-11T11:30:00+07:00")

    def test_received_on_saturday(self):
        self.assertEqual(due_one("2026-03-14T10:00:00+07:00", "2 working_days"), "2026-03-17T17:00:00+07:00")

    def test_working_hours_end_before_lunch(self):
        self.assertEqual(due_one("2026-03-10T09:30:00+07:00", "2 giờ làm việc"), "2026-03-10T11:30:00+07:00")

    def test_utc_input_is_answered_at_utc_plus_7(self):
        self.assertEqual(due_one("2026-03-10T02:10:00Z", "3wd"), "2026-03-13T09:10:00+07:00")


class SameDay(unittest.TestCase):
    def test_at_the_cut_off(self):
        self.assertEqual(due_one("2026-03-10T15:00:00+07:00", same_day="15:00"), "2026-03-10T17:00:00+07:00")

    def test_after_the_cut_off(self):
        self.assertEqual(due_one("2026-03-10T15:01:00+07:00", same_day="15:00"), "2026-03-11T17:00:00+07:00")

    def test_cut_off_for_the_whole_run(self):
        out, code, _ = due([{"received": "2026-03-13T16:00:00+07:00"}], "--same-day", "16:30")
        self.assertEqual(code, 0)
        self.assertEqual(out[0]["due"], "2026-03-13T17:00:00+07:00")


class Policy(unittest.TestCase):
    def test_civil_code_counts_from_the_next_day(self):
        self.assertEqual(due_one("2026-03-10T09:10:00+07:00", "3wd", policy="civil_code"), "2026-03-13T17:00:00+07:00")


class TheProtocol(unittest.TestCase):
    def test_order_and_ids_over_many_lines(self):
        cases = [{"id": i, "received": "2026-03-10T09:00:00+07:00", "limit": "%dwd" % (i % 5 + 1)} for i in range(2000)]
        out, code, _ = due(cases)
        self.assertEqual(code, 0)
        self.assertEqual([r["id"] for r in out], list(range(2000)))
        self.assertEqual(out[4]["due"], "2026-03-17T09:00:00+07:00")

    def test_a_bad_line_fails_alone(self):
        out, code, stderr = due([
            {"id": "ok-1", "received": "2026-03-10T09:00:00+07:00", "limit": "1wd"},
            {"id": "bad", "received": "2026-03-10T09:00:00+07:00", "limit": "3 tuần"},
            {"id": "ok-2", "received": "2026-03-10T09:00:00+07:00", "limit": "2wd"},
        ], "--lang", "en")
        self.assertEqual(code, 1)
        self.assertEqual([r["id"] for r in out], ["ok-1", "bad", "ok-2"])
        self.assertIn("due", out[0])
        self.assertNotIn("due", out[1])
        self.assertIn("is not a time limit", out[1]["error"])
        self.assertEqual(out[2]["due"], "2026-03-12T09:00:00+07:00")
        self.assertIn("1 of 3 lines failed", stderr)

    def test_errors_in_vietnamese_by_default(self):
        out, code, _ = due([{"id": "bad", "received": "13/02/2026", "limit": "3wd"}])
        self.assertEqual(code, 1)
        self.assertIn("không phải thời điểm", out[0]["error"])

    def test_usage_error(self):
        proc = subprocess.run([MOTCUA, "due", "--limit"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(len(proc.stderr.decode("utf-8").strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
