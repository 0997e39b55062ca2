"""Quotation marks (`wirelens.quotes.marks.find_marked`): every style news uses, no spaCy."""

from __future__ import annotations

import pytest

from wirelens.quotes.marks import find_marked

NNBSP = "\u202f"  # narrow no-break space, the typographic space inside « »
NBSP = "\u00a0"


def contents(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_marked(text)]


@pytest.mark.parametrize(
    ("text", "opener"),
    [
        ("Il a répondu «Non merci» hier.", "«"),
        ("Il a répondu « Non merci » hier.", "«"),
        (f"Il a répondu «{NNBSP}Non merci{NNBSP}» hier.", "«"),
        (f"Il a répondu «{NBSP}Non merci{NBSP}» hier.", "«"),
        ("Il a répondu “Non merci” hier.", "“"),
        ('Il a répondu "Non merci" hier.', '"'),
        ("Il a répondu ‘’Non merci’’ hier.", "‘’"),
        ("Il a répondu ‘Non merci’ hier.", "‘"),
    ],
)
def test_each_style_gives_the_content_without_marks_or_spaces(text, opener):
    found = find_marked(text)
    assert len(found) == 1
    m = found[0]
    assert text[m.start : m.end] == "Non merci"
    assert m.opener == opener
    assert m.closed and m.opened
    # the outer span includes the marks, the content excludes them and the inner spaces
    assert text[m.outer_start] == opener[0]
    assert text[m.outer_end - 1] in '»”"’'
    assert m.outer_start < m.start < m.end < m.outer_end


def test_two_character_quotes_are_one_mark_not_two():
    text = "Il a répondu ‘’Non merci’’ hier."
    (m,) = find_marked(text)
    assert text[m.outer_start : m.outer_end] == "‘’Non merci’’"


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        (
            "Elle a dit « je refuse “ce texte bâclé” tel quel » hier.",
            "je refuse “ce texte bâclé” tel quel",
        ),
        ("Elle a dit « je refuse « ce texte » tel quel » hier.", "je refuse « ce texte » tel quel"),
        ("Elle a dit “je refuse ‘ce texte’ tel quel” hier.", "je refuse ‘ce texte’ tel quel"),
    ],
)
def test_nested_marks_stay_inside_the_outer_segment(text, inner):
    assert contents(text) == [inner]


@pytest.mark.parametrize(
    "text",
    [
        "Selon l’État, la réforme entre en vigueur aujourd'hui.",
        "L'Etat n'a pas répondu, ni l’administration d’Orléans.",
        "Les années 90' et les chefs d'État d’aujourd’hui s'en souviennent.",
    ],
)
def test_apostrophes_are_not_marks(text):
    assert find_marked(text) == []


def test_apostrophe_inside_a_quote_does_not_close_it():
    text = "Il a dit ‘l’État n’a rien fait’ ce matin."
    assert contents(text) == ["l’État n’a rien fait"]


def test_unclosed_opener_ends_at_paragraph_end():
    text = "Il a lancé « Je pars demain.\nLe lendemain, il était encore là. « Et alors ? » dit-il."
    found = find_marked(text)
    first = found[0]
    assert text[first.start : first.end] == "Je pars demain."
    assert not first.closed
    assert first.outer_end <= text.index("\n")
    # the next paragraph keeps its own, properly closed, quotation
    assert [text[m.start : m.end] for m in found[1:]] == ["Et alors ?"]


def test_closer_never_opened_starts_at_paragraph_start():
    text = "Le ministre a parlé longuement.\nNous partirons demain », a-t-il conclu."
    (m,) = find_marked(text)
    assert text[m.start : m.end] == "Nous partirons demain"
    assert not m.opened
    assert m.start == text.index("\n") + 1


def test_closer_never_opened_does_not_reach_back_past_a_closed_quote():
    text = "« Oui », dit-il, puis non » sans raison."
    assert contents(text) == ["Oui"]


def test_quote_reopened_at_each_paragraph_gives_one_segment_per_paragraph():
    text = (
        "« Le premier paragraphe de la déclaration.\n"
        "« Le deuxième paragraphe.\n"
        "« Le dernier paragraphe », a-t-il conclu."
    )
    found = find_marked(text)
    assert [text[m.start : m.end] for m in found] == [
        "Le premier paragraphe de la déclaration.",
        "Le deuxième paragraphe.",
        "Le dernier paragraphe",
    ]
    assert [m.closed for m in found] == [False, False, True]
    lines = text.split("\n")
    for m, line in zip(found, lines, strict=True):
        assert "\n" not in text[m.outer_start : m.outer_end]
        assert text[m.start : m.end] in line


def test_several_quotes_in_order():
    text = '« Oui », a-t-il dit, avant d\'ajouter : “Peut-être”, puis "Non".'
    assert contents(text) == ["Oui", "Peut-être", "Non"]


def test_empty_quote_is_dropped():
    assert find_marked("Il a dit « » puis s'est tu.") == []


def test_no_marks():
    assert find_marked("Un texte sans guillemets.\n\nNi ici.") == []
