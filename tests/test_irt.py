"""IRT engine: calibration, ability estimates, information, CAT, bad input, and the CLI."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from zhijiang.cli.io import BatchInputError
from zhijiang.cli.irt import irt_calibrate
from zhijiang_engine import irt
from zhijiang_engine.irt import (
    CatRules,
    ItemBank,
    ItemParameters,
    ResponseDataError,
    StopReason,
    calibrate,
    eap,
    item_information,
    mle,
    next_item,
    simulate_cat,
)


def _simulate(rng, a, b, persons):
    theta = rng.normal(size=persons)
    p = 1.0 / (1.0 + np.exp(-a * (theta[:, None] - b)))
    return (rng.random(p.shape) < p).astype(np.float64), theta


@pytest.fixture(scope="module")
def truth():
    rng = np.random.default_rng(20261130)
    a = rng.lognormal(0.15, 0.3, 20)
    b = rng.normal(0.0, 1.0, 20)
    responses, _ = _simulate(rng, a, b, 2000)
    return a, b, responses


def test_calibration_recovers_simulated_2pl_parameters(truth):
    a, b, responses = truth
    result = calibrate(responses)
    assert result.converged and result.model == "2pl" and result.persons == 2000
    assert np.corrcoef(a, result.items.a)[0, 1] > 0.9
    assert np.corrcoef(b, result.items.b)[0, 1] > 0.98
    assert np.isfinite(result.log_likelihood) and result.log_likelihood < 0


def test_1pl_calibration_shares_one_discrimination_and_recovers_difficulties(truth):
    rng = np.random.default_rng(11)
    b = rng.normal(size=15)
    responses, _ = _simulate(rng, np.full(15, 1.2), b, 2000)
    result = calibrate(responses, model="1pl")
    assert np.ptp(result.items.a) == pytest.approx(0.0)
    assert result.items.a[0] == pytest.approx(1.2, abs=0.1)
    np.testing.assert_allclose(result.items.b, b, atol=0.15)
    assert result.log_likelihood <= calibrate(responses).log_likelihood


def test_calibration_with_missing_cells_still_recovers_parameters(truth):
    a, b, responses = truth
    holes = responses.copy()
    holes[np.random.default_rng(1).random(holes.shape) < 0.3] = np.nan
    result = calibrate(holes)
    assert np.corrcoef(a, result.items.a)[0, 1] > 0.85
    assert np.corrcoef(b, result.items.b)[0, 1] > 0.97
    masked = calibrate(np.nan_to_num(holes), mask=~np.isnan(holes))
    np.testing.assert_allclose(masked.items.b, result.items.b, atol=1e-6)


def test_a_large_sample_warm_started_from_a_subsample_converges_to_the_truth():
    rng = np.random.default_rng(12)
    a, b = np.array([0.8, 1.0, 1.4, 2.0, 1.2]), np.array([-1.0, -0.3, 0.0, 0.6, 1.5])
    responses, _ = _simulate(rng, a, b, 250_000)
    result = calibrate(responses.astype(np.uint8))
    assert result.converged and result.persons == 250_000
    np.testing.assert_allclose(result.items.a, a, atol=0.05)
    np.testing.assert_allclose(result.items.b, b, atol=0.03)


ITEMS = ItemParameters(a=np.array([1.0, 1.5, 0.8, 2.0]), b=np.array([-1.0, 0.0, 0.5, 1.0]))


def test_eap_of_all_correct_and_all_wrong_patterns_is_finite_and_ordered():
    result = eap(np.array([[1, 1, 1, 1], [0, 0, 0, 0], [1, 0, 1, 0]]), ITEMS)
    assert np.all(np.isfinite(result.theta)) and np.all(result.se < 1.0)
    assert result.theta[0] > result.theta[2] > result.theta[1]


def test_eap_matches_a_brute_force_posterior_mean():
    grid = np.linspace(-8, 8, 160_001)
    p = irt.probability(grid, ITEMS)
    pattern = np.array([1, 0, 1, 0])
    posterior = np.exp((np.log(p) * pattern + np.log(1 - p) * (1 - pattern)).sum(1) - grid**2 / 2)
    mean = (grid * posterior).sum() / posterior.sum()
    assert eap(pattern[None, :], ITEMS).theta[0] == pytest.approx(mean, abs=1e-3)


def test_mle_of_a_mixed_pattern_matches_the_brute_force_grid_maximum():
    grid = np.linspace(-6, 6, 120_001)
    p = irt.probability(grid, ITEMS)
    pattern = np.array([1, 0, 1, 0])
    log_like = (np.log(p) * pattern + np.log(1 - p) * (1 - pattern)).sum(1)
    result = mle(pattern[None, :], ITEMS)
    assert result.theta[0] == pytest.approx(grid[np.argmax(log_like)], abs=2e-4)
    info = irt.test_information(result.theta[0], ITEMS)
    assert result.se[0] == pytest.approx(1 / np.sqrt(info))


def test_mle_of_all_correct_is_infinite_and_missing_cells_are_ignored():
    result = mle(np.array([[1, 1, 1, 1], [1, np.nan, 0, np.nan]]), ITEMS)
    assert result.theta[0] == np.inf and result.se[0] == np.inf
    alone = mle(np.array([[1, 0]]), ITEMS.subset([0, 2]))
    assert result.theta[1] == pytest.approx(alone.theta[0])


def test_item_information_is_a_squared_p_q_and_test_information_sums_it():
    theta = np.array([-1.0, 0.3, 2.0])
    p = 1 / (1 + np.exp(-ITEMS.a * (theta[:, None] - ITEMS.b)))
    np.testing.assert_allclose(item_information(theta, ITEMS), ITEMS.a**2 * p * (1 - p))
    np.testing.assert_allclose(
        irt.test_information(theta, ITEMS), (ITEMS.a**2 * p * (1 - p)).sum(1)
    )
    assert item_information(1.0, ITEMS)[3] == pytest.approx(2.0**2 / 4)


def _bank(items=300, seed=5):
    rng = np.random.default_rng(seed)
    a = rng.lognormal(np.log(1.3) - 0.125, 0.5, items)
    content = tuple("ABC"[i % 3] for i in range(items))
    return ItemBank(ItemParameters(a=a, b=rng.normal(size=items)), content)


BLUEPRINT = {"A": 0.5, "B": 0.3, "C": 0.2}


def test_cat_stops_at_the_target_se_or_the_maximum_length():
    rng = np.random.default_rng(7)
    rules = CatRules(blueprint=BLUEPRINT, max_items=10)
    result = simulate_cat(_bank(), rng.normal(size=60), rules=rules, rng=rng)
    for se, length, reason in zip(result.se, result.lengths, result.stop_reasons, strict=True):
        if reason is StopReason.PRECISION:
            assert se <= 0.3 and length <= 10
        else:
            assert reason is StopReason.MAX_LENGTH and length == 10 and se > 0.3
    assert (
        StopReason.MAX_LENGTH in result.stop_reasons and StopReason.PRECISION in result.stop_reasons
    )


def test_cat_content_follows_the_blueprint_proportions():
    rng = np.random.default_rng(8)
    bank = _bank()
    rules = CatRules(blueprint=BLUEPRINT, se_target=0.0, max_items=20)
    result = simulate_cat(bank, rng.normal(size=30), rules=rules, rng=rng)
    for shown in result.administered:
        areas = [bank.content[i] for i in shown]
        assert [areas.count(x) for x in "ABC"] == [10, 6, 4]


def test_no_item_is_shown_in_more_than_a_quarter_of_many_tests():
    rng = np.random.default_rng(9)
    result = simulate_cat(_bank(), rng.normal(size=200), rules=CatRules(), rng=rng)
    assert result.exposure.max() <= 0.25
    assert np.median(result.lengths) <= 15


def test_cat_step_starts_with_the_most_informative_item_and_reports_theta_and_se():
    bank = _bank()
    step = next_item(bank, [], [], rules=CatRules(), exposure_counts=np.zeros(300), tests_started=1)
    assert step.stop_reason is None and step.theta == pytest.approx(0.0, abs=1e-9)
    assert step.item == int(np.argmax(item_information(0.0, bank.items)))
    later = next_item(
        bank, [step.item], [1], rules=CatRules(), exposure_counts=np.zeros(300), tests_started=1
    )
    assert later.theta > 0 and later.se < 1 and later.item != step.item


def test_cat_step_skips_items_at_the_exposure_cap():
    bank = _bank()
    counts = np.zeros(300)
    best = int(np.argmax(item_information(0.0, bank.items)))
    counts[best] = 25
    step = next_item(bank, [], [], rules=CatRules(), exposure_counts=counts, tests_started=100)
    assert step.item is not None and step.item != best


@pytest.mark.parametrize(
    ("responses", "message"),
    [
        ([[0, 1, 2], [1, 0, 1]], "row 0, column 2: value 2.0 is not 0 or 1"),
        ([[0, 1, np.nan], [np.nan, np.nan, np.nan]], "row 1 has no responses"),
        ([[0, 1, np.nan], [1, 0, np.nan]], "column 2 has no responses"),
        ([[0], [1]], "at least 2 items"),
    ],
)
def test_bad_response_matrices_raise_a_response_data_error_naming_the_cell(responses, message):
    with pytest.raises(ResponseDataError, match=message):
        calibrate(np.array(responses, dtype=float))
    assert issubclass(ResponseDataError, ValueError)


def _run_cli(tmp_path, text, *extra):
    path = tmp_path / "responses.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return irt_calibrate(["--responses", str(path), *extra], io.BytesIO())


def _csv(truth, id_column):
    _, _, responses = truth
    header = ("id," if id_column else "") + ",".join(f"题{i}" for i in range(responses.shape[1]))
    lines = [header]
    for number, row in enumerate(responses[:800]):
        cells = ["" if (number + j) % 7 == 0 else str(int(v)) for j, v in enumerate(row)]
        lines.append((f"p{number}," if id_column else "") + ",".join(cells))
    return "\n".join(lines) + "\n\n"


def test_cli_calibrates_a_csv_with_blanks_and_an_id_column(tmp_path, truth):
    output = _run_cli(tmp_path, _csv(truth, id_column=True))
    document = json.loads("\n".join(output))
    assert document["model"] == "2pl" and document["persons"] == 800 and document["converged"]
    assert [item["item"] for item in document["items"]][:2] == ["题0", "题1"]
    b = np.array([item["b"] for item in document["items"]])
    assert np.corrcoef(truth[1], b)[0, 1] > 0.95
    assert set(document) == {
        "model",
        "persons",
        "converged",
        "iterations",
        "log_likelihood",
        "items",
    }


def test_cli_without_an_id_column_reads_every_column_as_an_item_and_fits_1pl(tmp_path, truth):
    document = json.loads(_run_cli(tmp_path, _csv(truth, id_column=False), "--model", "1pl")[0])
    assert document["model"] == "1pl" and len(document["items"]) == 20
    assert len({item["a"] for item in document["items"]}) == 1


def test_cli_reads_standard_input():
    text = "person,q1,q2\nx,1,0\ny,0,1\nz,1,1\nw,0,0\n"
    output = irt_calibrate(["--responses", "-"], io.BytesIO(text.encode()))
    assert json.loads(output[0])["persons"] == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,q1,q2\na,1,0\nb,1,2\n", r"line 3: item 'q2' has value '2'"),
        ("id,q1,q2\na,1,0\nb,1\n", "line 3: 2 cells, but the header has 3"),
        (b"id,q1,q2\na,1,0\n\xff,1,0\n", "line 3: invalid UTF-8 at byte 0"),
        ("id,q1,q2\na,1,0\nb,,\nc,0,1\n", "line 3: the person has no responses"),
        ("id,q1,q2\na,1,\nb,0,\n", "line 1: item 'q2' .column 3. has no responses"),
        ("id,q1\na,1\nb,0\n", "line 1: need at least 2 item columns"),
        ("", "line 1: the file is empty"),
    ],
)
def test_cli_bad_input_names_the_file_and_line(tmp_path, text, message):
    with pytest.raises(BatchInputError, match=f"responses.csv, {message}"):
        _run_cli(tmp_path, text)
