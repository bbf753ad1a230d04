"""Training and benchmark font sets: held-out families never train, extras never enter the bench."""

from __future__ import annotations

from tools.digits import fonts


def test_every_font_source_is_installed() -> None:
    # `make setup` installs them all; without one, both models' recipe hashes change
    assert fonts.missing_sources() == []


def test_held_out_families_are_never_training_faces() -> None:
    train = fonts.faces(held_out=False)
    assert not {f.family for f in train} & set(fonts.HELD_OUT)
    assert {f.family for f in fonts.faces(held_out=True)} == set(fonts.HELD_OUT)


def test_extra_designs_train_but_stay_out_of_the_benchmark_seen_set() -> None:
    train = {f.family for f in fonts.faces(held_out=False)}
    seen = {f.family for f in fonts.faces(held_out=False, extra=False)}
    extra = train - seen
    assert {"ArundinaSerif", "NotoSerifThai", "THSarabunNew", "THNiramitAS"} <= extra
    assert "Sarabun" in seen and "Kinnari" in seen
    assert not {"THCharmofAU", "THSrisakdi", "AngsanaNew"} & train


def test_every_face_renders_thai_digits() -> None:
    for face in fonts.faces(held_out=False):
        assert 0.2 < fonts.digit_height_ratio(face) < 0.7, face.name
