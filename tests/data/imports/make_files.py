"""Write the import test files, each in the layout its tool exports (run it to remake them):

    .venv/bin/python tests/data/imports/make_files.py

The answers are made up for these tests. Microsoft Forms and Google Forms files answer the
family-experience survey's questions in their own column names; the SmartSurvey, KoboToolbox
and plain files are surveys of their own, imported as new "imported" surveys.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

MS_HEADER = [
    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Which of these best describes you?", "How old is your child?",
    "When my child first started to struggle, someone noticed and took it seriously.",
    "Which services has your child needed but not been able to get?",
    "What has been hard, or what has gone wrong?",
]  # fmt: skip
MS_ROWS = [
    [1, datetime(2025, 3, 4, 9, 12, 5), datetime(2025, 3, 4, 9, 20, 41), "anonymous", "",
     "", "A parent or carer of a child or young person with SEND", "5 to 10", "Disagree",
     "Speech and language therapy;Occupational therapy;",
     "We waited 18 months for the speech therapy assessment. Nobody told us what was happening."],
    [2, datetime(2025, 3, 13, 19, 2, 0), datetime(2025, 3, 13, 19, 15, 9), "anonymous", "",
     "", "A parent or carer of a child or young person with SEND", "13 to 15", "Strongly agree",
     "None, we have been able to get what we need;",
     "The move to secondary school was hard, but the SENCO, Mrs Okafor, made a real difference."],
    [3, datetime(2025, 4, 1, 8, 0, 0), datetime(2025, 4, 1, 8, 9, 30), "anonymous", "",
     "", "Someone who works with children and young people with SEND", "", "Agree",
     "Mental health support (CAMHS);",
     "Families ring me because they cannot get through to the SEN team, 07700 900123 rings out."],
]  # fmt: skip

GOOGLE_HEADER = [
    "Timestamp", "Email address", "How old is your child?",
    "Does your child have an Education, Health and Care (EHC) plan?",
    "Where do you usually find out about SEND support?",
    "If you could change one thing about SEND support in our area, what would it be?",
]  # fmt: skip
GOOGLE_ROWS = [
    ["2025/05/02 8:14:03 pm GMT+1", "parent1@example.org", "11 to 12", "Yes",
     "The local offer website, The parent carer forum",
     "Annual reviews that actually happen on time, with the changes written into the plan."],
    ["2025/05/03 7:01:44 am GMT+1", "", "16 to 17", "We asked, and were told no",
     "Other parents or social media",
     "Tell us what happens at 16. College, "
     "apprenticeships, nobody explains anything."],
    ["2025/05/03 9:30:00 pm GMT+1", "", "Prefer not to say", "No",
     "SENDIASS (the SEND information, advice and support service), My child's school or setting",
     ""],
]  # fmt: skip

SMART_TOP = ["Response ID", "Started", "Ended", "IP Address", "Status",
             "Are you a parent, carer or young person?", "Age of your child",
             "How would you rate the short breaks service?",
             "Which of these have you used?", "", "",
             "Tell us about your experience of short breaks"]  # fmt: skip
SMART_SUB = ["", "", "", "", "", "", "", "", "Holiday club", "Youth club", "Overnight respite",
             "Response"]  # fmt: skip
SMART_ROWS = [
    ["88101", "12/06/2025 10:02", "12/06/2025 10:11", "203.0.113.7", "Completed", "Parent",
     "14", "Good", "Holiday club", "", "Overnight respite",
     "The holiday club was a lifeline this summer. Staff understood his autism."],
    ["88102", "13/06/2025 21:40", "13/06/2025 21:52", "203.0.113.9", "Completed", "Carer",
     "8", "Very poor", "", "Youth club", "",
     "We were on the waiting list for overnight respite for two years and then it closed."],
    ["88103", "14/06/2025 16:05", "14/06/2025 16:10", "198.51.100.4", "Completed",
     "Young person", "17", "Excellent", "", "Youth club", "",
     "Youth club is the only place I feel like I fit in."],
]  # fmt: skip

KOBO_HEADER = ["start", "end", "group_size", "what_helped", "what_did_not", "_id", "_uuid",
               "_submission_time", "_index"]  # fmt: skip
KOBO_ROWS = [
    ["2025-07-01T10:00:00.000+01:00", "2025-07-01T10:20:00.000+01:00", "Small group",
     "Having the visual timetable at the start", "The room was too loud", "101",
     "3f1c1e0a-5d1b-4f0e-9c51-1a2b3c4d5e6f", "2025-07-01T09:21:13", "1"],
    ["2025-07-02T13:00:00.000+01:00", "2025-07-02T13:25:00.000+01:00", "Whole class",
     "Being asked what I think", "Waiting a long time to talk", "102",
     "7a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "2025-07-02T12:30:45", "2"],
]  # fmt: skip

PLAIN_HEADER = ["Date", "Your area", "Comments", "", "Comments", "How satisfied are you?"]
PLAIN_ROWS = [
    ["03/02/2025", "North", "Waiting lists for OT are far too long – over a year.", "",
     "Paid £40 for a private report", "Dissatisfied"],
    ["14/02/2025", "East", "The forum café is brilliant, I finally feel listened to.", "", "",
     "Very satisfied"],
    PLAIN_HEADER,
    ["21/02/2025", "South", "Our EHCP took 40 weeks, not 20.", "", "", "Dissatisfied"],
]  # fmt: skip

BAD_HEADER = ["Timestamp", "How old is your child?", "What has been hard, or what has gone wrong?"]
BAD_ROWS = [
    ["2025/05/02 8:14:03 pm GMT+1", "11 to 12", "Getting the plan agreed took a year."],
    ["not a date", "5 to 10", "Transport to school keeps changing."],
    ["2025/05/04 10:00:00 am GMT+1", "about 30", "No one returns our calls."],
    ["2025/05/05 10:00:00 am GMT+1", "0 to 4", "Nursery noticed early and got help quickly."],
]  # fmt: skip


def csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def workbook(rows: list[list[object]], merge: list[str] = ()) -> Workbook:  # type: ignore[assignment]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for cells in merge:
        sheet.merge_cells(cells)
    return book


def main() -> None:
    workbook([MS_HEADER, *MS_ROWS]).save(HERE / "microsoft-forms.xlsx")
    ms_csv = [MS_HEADER] + [
        [r[0], f"{r[1]:%-m/%-d/%Y %H:%M:%S}", f"{r[2]:%-m/%-d/%Y %H:%M:%S}", *r[3:]]
        for r in MS_ROWS
    ]
    (HERE / "microsoft-forms.csv").write_bytes(csv_text(ms_csv).encode("utf-8-sig"))
    (HERE / "google-forms.csv").write_text(
        csv_text([GOOGLE_HEADER, *GOOGLE_ROWS]), encoding="utf-8"
    )
    (HERE / "smartsurvey.csv").write_text(
        csv_text([SMART_TOP, SMART_SUB, *SMART_ROWS]), encoding="utf-8"
    )
    workbook([SMART_TOP, SMART_SUB, *SMART_ROWS], merge=["I1:K1"]).save(HERE / "smartsurvey.xlsx")
    (HERE / "kobotoolbox.csv").write_text(
        csv_text([KOBO_HEADER, *KOBO_ROWS], delimiter=";"), encoding="utf-8"
    )
    plain = csv_text([PLAIN_HEADER, *PLAIN_ROWS])
    (HERE / "any-tool-windows-1252.csv").write_bytes(plain.encode("cp1252"))
    (HERE / "excel-unicode-text.txt").write_bytes(
        csv_text([PLAIN_HEADER, *PLAIN_ROWS], delimiter="\t").encode("utf-16")
    )
    (HERE / "bad-rows.csv").write_text(csv_text([BAD_HEADER, *BAD_ROWS]), encoding="utf-8")
    (HERE / "not-a-spreadsheet.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")


if __name__ == "__main__":
    main()
