"""Shared form pieces: the select of table rows (categories, departments), and
lengths and counts written the reader's way."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from portal.forms import RowField


@dataclass
class Place:
    id: int
    name: str


ROWS = [Place(3, "Harbour"), Place(7, "Town hall")]


class PickForm(FlaskForm):
    class Meta:
        csrf = False

    place = RowField("Place", "Please choose a place.", prompt="Choose a place")


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    place = RowField("Place", "Please choose a place.", prompt="Everywhere", all_value="all")


def _form(cls, data):
    form = cls(formdata=MultiDict(data))
    form.place.offer(ROWS)
    return form


@pytest.mark.parametrize("value", ["", "5", "abc", "3.0", "-3", "99999999999"])
def test_anything_but_an_offered_row_is_refused_once(app, value):
    with app.test_request_context():
        form = _form(PickForm, {"place": value})
        assert not form.validate()
        assert form.place.errors == ["Please choose a place."]


def test_the_chosen_row_is_the_row(app):
    with app.test_request_context():
        form = _form(PickForm, {"place": "7"})
        assert form.validate()
        assert form.place.chosen is ROWS[1]
        assert [c[1] for c in form.place.iter_choices()] == [
            "Choose a place",
            "Harbour",
            "Town hall",
        ]


def test_a_json_true_or_fraction_names_no_row(app):
    with app.test_request_context():
        form = _form(PickForm, {})
        assert form.place._coerce(True) is None
        assert form.place._coerce(1.5) is None


def test_the_all_choice_means_none_in_particular(app):
    with app.test_request_context():
        for data in ({"place": "all"}, {}):
            form = _form(FilterForm, data)
            assert form.validate(), form.errors
            assert form.place.chosen is None
        assert not _form(FilterForm, {"place": "4"}).validate()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("da", "Skriv højst 5.000 tegn."), ("nl", "maximaal 5.000 tekens"), ("en", "5,000")],
)
def test_length_messages_write_numbers_the_readers_way(app, locale, expected):
    from flask_babel import force_locale

    from portal.comments.forms import CommentForm

    with app.test_request_context(), force_locale(locale):
        form = CommentForm(MultiDict({"body": "x" * 6000}), meta={"csrf": False})
        assert not form.validate()
        assert expected in form.errors["body"][0]


def test_hints_write_their_numbers_the_readers_way(app):
    from flask_babel import force_locale

    from portal.accounts.forms import RegisterForm

    app.config["PASSWORD_MIN_LENGTH"] = 1200
    with app.test_request_context(), force_locale("da"):
        form = RegisterForm(meta={"csrf": False})
        assert "1.200" in str(form.password.description)


@pytest.mark.parametrize(
    ("locale", "typed", "number"),
    [("da", "250.000", 250_000), ("nb", "250 000", 250_000), ("nl", "250.000", 250_000),
     ("en", "250,000", 250_000), ("da", "12", 12), ("da", "1,5", None), ("da", "1.5", None),
     ("en", "abc", None)],
)  # fmt: skip
def test_whole_numbers_are_read_the_readers_way(app, locale, typed, number):
    from flask_babel import force_locale

    from portal.forms import IntegerField

    class AmountForm(FlaskForm):
        class Meta:
            csrf = False

        amount = IntegerField("Amount")

    with app.test_request_context(), force_locale(locale):
        form = AmountForm(MultiDict({"amount": typed}))
        form.validate()
        assert form.amount.data == number
        assert len(form.amount.errors) == (0 if number is not None else 1)
