"""Item response theory: 2PL/1PL calibration by marginal maximum likelihood (EM), EAP and ML
ability estimates, information functions, and computerised adaptive testing (CAT)."""

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
    "IrtModel",
    "ItemBank",
    "ItemParameters",
    "Quadrature",
    "ResponseDataError",
    "StopReason",
    "calibrate",
    "check_blueprint",
    "code_responses",
    "eap",
    "item_information",
    "mle",
    "next_item",
    "normal_quadrature",
    "probability",
    "simulate_cat",
    "test_information",
]
