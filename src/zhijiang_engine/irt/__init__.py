"""Item response theory: 2PL/1PL calibration by marginal maximum likelihood (EM), EAP and ML
ability estimates, information functions, computerised adaptive testing (CAT), and classical
item statistics (p-value, point-biserial) with their review flags."""

from zhijiang_engine.irt.ability import AbilityEstimates, eap, mle
from zhijiang_engine.irt.calibration import (
    Calibration,
    IrtModel,
    Quadrature,
    calibrate,
    normal_quadrature,
)
from zhijiang_engine.irt.cat import (
    CatRules,
    CatSimulation,
    CatStep,
    ItemBank,
    StopReason,
    check_blueprint,
    next_item,
    simulate_cat,
)
from zhijiang_engine.irt.item_stats import (
    FlagThresholds,
    ItemFlag,
    ItemStats,
    form_statistics,
    item_flags,
    item_statistics,
    parameter_flags,
)
from zhijiang_engine.irt.model import (
    ItemParameters,
    item_information,
    probability,
    test_information,
)
from zhijiang_engine.irt.responses import ResponseDataError, code_responses

__all__ = [
    "AbilityEstimates",
    "Calibration",
    "CatRules",
    "CatSimulation",
    "CatStep",
    "FlagThresholds",
    "IrtModel",
    "ItemBank",
    "ItemFlag",
    "ItemParameters",
    "ItemStats",
    "Quadrature",
    "ResponseDataError",
    "StopReason",
    "calibrate",
    "check_blueprint",
    "code_responses",
    "eap",
    "form_statistics",
    "item_flags",
    "item_information",
    "item_statistics",
    "mle",
    "next_item",
    "normal_quadrature",
    "parameter_flags",
    "probability",
    "simulate_cat",
    "test_information",
]
