"""`wirelens eval` and the scorer in `wirelens.evaluate` (matching and speaker rules)."""

from __future__ import annotations

import re

import pytest

from wirelens.evaluate import locate, match, normalise, report, same_speaker, score

# -- the command ------------------------------------------------------------------------------


def test_eval_on_the_sample_prints_every_figure(cli, examples, tmp_path):
    pred_out = tmp_path / "pred.jsonl"
    res = cli(
        "eval",
        examples / "afp-putin-xi.fr.gold.json",
        examples / "afp-putin-xi.fr.txt",
        "--errors",
        "3",
        "--pred-out",
        pred_out,
    )
    assert res.code == 0, res.err
    lines = res.out.strip().splitlines()
    num = r"\d\.\d{3}"
    for mode in ("strict", "lenient"):
        assert any(
            re.match(
                rf"{mode}\s+quotes P {num} R {num} F1 {num} \(tp \d+ fp \d+ fn \d+\) "
                rf"\| speaker acc {num} \| type acc {num} \| end-to-end F1 {num}$",
                line,
            )
            for line in lines
        ), res.out
    assert "speaker by mention kind:" in res.out
    assert "recall by gold type:" in res.out
    assert re.fullmatch(rf"end-to-end F1 {num}", lines[-1])
    preds = pred_out.read_text(encoding="utf-8").splitlines()
    assert len(preds) == 1 and '"id": "afp-putin-xi"' in preds[0]


def test_eval_unreadable_gold_is_a_usage_error(cli, tmp_path, examples):
    res = cli("eval", tmp_path / "missing.jsonl", examples / "afp-putin-xi.fr.txt")
    assert res.code == 2
    assert res.err.startswith("error: ")


# -- the rules, on tiny hand-made gold and predictions ----------------------------------------

TEXT = (
    "« Nous ne céderons pas sur les salaires », a déclaré Jean Dupont. "
    "Le maire a déclaré que la piscine fermerait en septembre. "
    "Selon l'ONU, la crise va durer."
)


def q(text, speaker=None, type_="direct", **extra):
    return {"text": text, "type": type_, "speaker": speaker, **extra}


def figures(gold_quotes, pred_quotes, mode="strict", text=TEXT):
    res = score(
        {"a": {"id": "a", "quotes": gold_quotes}}, {"a": {"quotes": pred_quotes}}, {"a": text}
    )
    return res.modes[mode]


def test_normalise_keeps_offsets():
    s = "« L’État » — Éric"
    assert len(normalise(s)) == len(s)
    assert normalise(s) == '" l\'etat " - eric'


def test_locate_strips_marks_and_ignores_spacing_and_accents():
    norm = normalise(TEXT)
    sp = locate(norm, "« nous ne  CEDERONS pas sur les salaires, »", [])
    assert sp is not None
    assert TEXT[sp[0] : sp[1]] == "Nous ne céderons pas sur les salaires"
    assert locate(norm, "absent du texte", []) is None
    assert locate(norm, " « » ", []) is None


def test_locate_prefers_an_occurrence_not_taken():
    text = "Oui. Non. Oui."
    norm = normalise(text)
    first = locate(norm, "Oui", [])
    assert first == (0, 3)
    assert locate(norm, "Oui", [first]) == (10, 13)


def test_strict_needs_iou_half_lenient_needs_thirty_percent_of_gold():
    gold = [(0, 100)]
    assert match(gold, [(0, 50)], "strict") == [(0, 0)]  # IoU 0.5
    assert match(gold, [(0, 49)], "strict") == []
    assert match(gold, [(0, 30)], "lenient") == [(0, 0)]  # 30 % of gold covered
    assert match(gold, [(0, 29)], "lenient") == []
    assert match(gold, [(-1, -1)], "lenient") == []  # not found in the text


def test_matching_is_one_to_one_best_first():
    gold = [(0, 100), (100, 200)]
    pred = [(10, 100), (0, 95), (150, 200)]  # IoU 0.90, 0.95, 0.5
    pairs = match(gold, pred, "strict")
    assert sorted(pairs) == [(0, 1), (1, 2)]  # the better prediction wins gold 0


def test_counts_and_end_to_end():
    gold = [
        q("Nous ne céderons pas sur les salaires", "Jean Dupont", mention_kind="name"),
        q("la piscine fermerait en septembre", "le maire", "indirect", mention_kind="description"),
        q("la crise va durer", "ONU", "indirect", mention_kind="name"),
    ]
    pred = [
        q("Nous ne céderons pas sur les salaires", "Dupont"),  # right (surname)
        q("la piscine fermerait en septembre", "Jean Dupont", "direct"),  # wrong speaker, type
        q("a déclaré Jean Dupont", "Jean Dupont"),  # spurious
    ]
    s = figures(gold, pred)
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.tp_e2e == 1
    assert s.speaker_accuracy == pytest.approx(0.5)
    assert s.type_accuracy == pytest.approx(0.5)
    assert s.quotes == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # end to end: 1 right; the wrong speaker counts as a false positive and a false negative
    assert s.end_to_end == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert s.speaker_by_kind() == {"description": (1, 0.0), "name": (1, 1.0)}
    assert s.recall_by_type() == {"direct": 1.0, "indirect": 0.5}


def test_optional_gold_is_neither_missed_nor_counted():
    gold = [
        q("Nous ne céderons pas sur les salaires", "Jean Dupont"),
        q("la crise va durer", "ONU", "indirect", optional=True),
        q("la piscine fermerait en septembre", "le maire", "indirect", optional=True),
    ]
    pred = [
        q("Nous ne céderons pas sur les salaires", "Jean Dupont"),
        q("la crise va durer", "ONU"),
    ]
    s = figures(gold, pred)
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    assert s.speaker_n == 1


def test_speaker_alts_and_null_speakers():
    gold = [q("la crise va durer", "Organisation des Nations unies", speaker_alts=["ONU"])]
    assert figures(gold, [q("la crise va durer", "ONU")]).tp_e2e == 1
    gold = [q("la crise va durer", None)]
    s = figures(gold, [q("la crise va durer", None)])
    assert s.tp_e2e == 1
    assert s.speaker_n == 0  # a null gold speaker is not in the speaker accuracy
    assert figures(gold, [q("la crise va durer", "ONU")]).tp_e2e == 0


def test_without_texts_quotes_are_located_in_their_own_texts():
    gold = {"a": {"id": "a", "quotes": [q("la crise va durer", "ONU")]}}
    pred = {"a": {"id": "a", "quotes": [q("« La crise va durer. »", {"name": "l'ONU"})]}}
    s = score(gold, pred).modes["strict"]
    assert (s.tp, s.fp, s.fn, s.tp_e2e) == (1, 0, 0, 1)


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        (None, None, True),
        ("Jean Dupont", None, False),
        (None, "Jean Dupont", False),
        ("Jean Dupont", "M. Dupont", True),  # subset, title ignored
        ("Jean Dupont", "jean DUPONT", True),
        ("Éric Dupond-Moretti", "Eric Dupond-Moretti", True),  # accents
        ("le ministre de la Santé", "ministre santé", True),
        ("Organisation des Nations unies", "ONU", True),  # acronym, "des" ignored
        ("Union européenne", "UA", False),
        ("Fonds monétaire international", "FMI", True),  # acronym
        ("Marie Durand", "Paul Durand", True),  # same surname
        ("Li Xi", "Xi Jinping", False),  # different last word
        ("Jean Dupont", {"name": "Dupont"}, True),  # an object with a name
        ("Jean Dupont", "Paul Martin", False),
    ],
)
def test_speaker_rules(gold, pred, ok):
    assert same_speaker(gold, pred) is ok


def test_report_ends_with_end_to_end_and_lists_errors():
    gold = [q("la crise va durer", "ONU"), q("la piscine fermerait en septembre", "le maire")]
    res = score(
        {"a": {"id": "a", "quotes": gold}}, {"a": {"quotes": [q("la crise va durer")]}}, {"a": TEXT}
    )
    lines = report(res, n_errors=5)
    assert lines[-1] == "end-to-end F1 0.000"
    kinds = [line.split()[1] for line in lines if line.startswith("  a ")]
    assert kinds == ["speaker", "missed"]


def test_predict_reports_failing_records_instead_of_hiding_them():
    from wirelens.evaluate import predict
    from wirelens.settings import Settings

    failures: list = []
    pred = predict({"blank": "   "}, Settings(nlp=False), failures=failures)
    assert pred == {"blank": {"id": "blank", "quotes": []}}
    assert [f.record for f in failures] == ["blank"]
    assert "empty text" in failures[0].reason
