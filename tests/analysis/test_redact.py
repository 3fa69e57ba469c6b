"""Personal details are replaced by placeholders; ordinary words that look like them are kept."""

from __future__ import annotations

import pytest

from coprod.analysis.redact import redact


@pytest.mark.parametrize(
    ("text", "gone", "placeholder"),
    [
        ("Email me on jo.bloggs@example.com please", "jo.bloggs@example.com", "[email]"),
        ("Ring 07700 900123 after three", "07700 900123", "[phone]"),
        ("Ring +44 7700 900 123 after three", "+44 7700 900 123", "[phone]"),
        ("Call (0151) 496 0000", "(0151) 496 0000", "[phone]"),
        ("Call 0161-496-0000", "0161-496-0000", "[phone]"),
        ("text me 0 7 7 0 0 9 0 0 1 2 3", "0 7 7 0 0 9 0 0 1 2 3", "[phone]"),
        ("We live in CH41 6DL", "CH41 6DL", "[postcode]"),
        ("My reference is K7PM-4QXD, please check", "K7PM-4QXD", "[code]"),
        ("the code to come back was k7pm4qxd", "k7pm4qxd", "[code]"),
        ("my code was WXYZ-2345 i think", "WXYZ-2345", "[code]"),  # letter and digit by a dash
        ("we live in m1 1ae now", "m1 1ae", "[postcode]"),
        ("His NHS number is 485 777 3456", "485 777 3456", "[NHS number]"),
        ("NHS no 4857773456", "4857773456", "[NHS number]"),
        ("She was born 3/4/2014 in hospital", "3/4/2014", "[date of birth]"),
        ("DOB 03.04.2014", "03.04.2014", "[date of birth]"),
        ("his birthday is 12th March 2015", "12th March 2015", "[date of birth]"),
        ("born on the 1st of May 2012", "1st of May 2012", "[date of birth]"),
        ("We moved to 14 Elm Road last year", "14 Elm Road", "[address]"),
        ("Flat 2, 33 Park Lane is too small", "Flat 2, 33 Park Lane", "[address]"),
        ("He goes to Oakfield Primary School", "Oakfield Primary School", "[school]"),
        ("St Anne's Catholic Primary were great", "St Anne's Catholic Primary", "[school]"),
        ("Brookside Academy said no", "Brookside Academy", "[school]"),
        ("My son Jack waited two years", "Jack", "[name]"),
        ("Mrs Begum the SENCO listened", "Mrs Begum", "[name]"),
        ("We saw Dr Okafor at last", "Dr Okafor", "[name]"),
        ("Sarah Jones from the council rang", "Sarah Jones", "[name]"),
        ("my daughter grace loves college", "grace", "[name]"),
        ("Will can't cope with the dinner hall", "Will", "[name]"),
        ("The caseworker, Siobhan, never rang", "Siobhan", "[name]"),
        ("Mohammed is in Year 4", "Mohammed", "[name]"),
        ("we told Agnieszka at the forum", "Agnieszka", "[name]"),
    ],
)
def test_each_kind_of_detail_is_replaced(text: str, gone: str, placeholder: str) -> None:
    result = redact(text).text
    assert gone not in result
    assert placeholder in result


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("I hope the plan comes soon", "I hope"),
        ("We will keep pushing", "We will"),
        ("The review is in May 2024", "May 2024"),
        ("He is in Year 7 now", "Year 7"),
        ("The 20 week deadline passed", "20 week deadline"),
        ("Over 2024-2025 nothing changed", "2024-2025"),
        ("We played MINECRAFT at the club", "MINECRAFT"),
        ("CAMHS and SENDIASS were both helpful", "CAMHS and SENDIASS"),
        ("The local offer costs nothing but £300 for a course", "£300"),
        ("a summer holiday club", "summer holiday"),
        ("Mum and Dad both came", "Mum and Dad"),
    ],
)
def test_ordinary_words_are_kept(text: str, kept: str) -> None:
    assert kept in redact(text).text


def test_a_school_on_the_partnerships_list_is_replaced_even_in_lower_case() -> None:
    result = redact("he started at the willows in september", schools=["The Willows"])
    assert result.text == "he started at [school] in september"
    assert result.found == ("school",)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("we miss him so much", "we miss him so much"),
        ("my sister goes to college", "my sister goes to college"),
        ("ask a nurse for help", "ask a nurse for help"),
        ("Sister Mary was kind", "[name] was kind"),
        ("Miss smith said no", "[name] said no"),
        ("we saw dr patel", "we saw [name]"),
    ],
)
def test_a_title_that_is_also_a_word_marks_a_name_only_when_written_as_one(
    text: str, redacted: str
) -> None:
    assert redact(text).text == redacted


def test_schools_on_the_list_are_replaced_whole_whatever_their_names_hold() -> None:
    schools = ["St Mary's", "St Mary's Catholic Primary", "Holy Cross (C of E)", "  "]
    text = "He is at St Mary's Catholic Primary, his sister at st mary's and Holy Cross (C of E)."
    assert redact(text, schools).text == "He is at [school], his sister at [school] and [school]."


def test_a_title_goes_with_the_name() -> None:
    assert redact("Mrs Begum the SENCO listened").text == "[name] the SENCO listened"


def test_a_possessive_keeps_its_ending() -> None:
    assert redact("I spoke to Jack's teacher").text == "I spoke to [name]'s teacher"
