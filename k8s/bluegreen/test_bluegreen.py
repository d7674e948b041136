"""bluegreen.py against the real chart: a fake Helm release renders `helm template` with the
release's values after every upgrade and keeps what a cluster would then run (Deployments
with their images, the Services' selectors). Metrics and smoke tests are scripted."""
import os
import pathlib
import subprocess

import pytest
import yaml

import bluegreen

HERE = pathlib.Path(__file__).resolve().parent
CHART = HERE.parent / "membank"
HELM = os.environ.get("HELM", "helm")


class FakeRelease:
    def __init__(self, sets):
        self.sets = dict(sets)
        self.history = []
        self.render()

    def values(self):
        nested = {}
        for k, v in self.sets.items():
            node = nested
            *path, last = k.split(".")
            for part in path:
                node = node.setdefault(part, {})
            node[last] = {"true": True, "false": False}.get(v, v)
        return nested

    def upgrade(self, sets):
        self.sets.update(sets)
        self.render()

    def render(self):
        cmd = [HELM, "template", "membank", str(CHART), "-n", "membank", "-f", str(CHART / "values-prod.yaml"),
               "--show-only", "templates/services.yaml"]
        for k, v in self.sets.items():
            cmd += ["--set-string" if k.startswith("blueGreen.tags.") else "--set", f"{k}={v}"]
        docs = [d for d in yaml.safe_load_all(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout) if d]
        deployments = {d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0]["image"]
                       for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] != "kong"}
        selectors = {d["metadata"]["name"]: d["spec"]["selector"].get("membank.io/colour")
                     for d in docs if d["kind"] == "Service" and d["metadata"]["name"].endswith("-service")}
        self.state = {"deployments": deployments, "selectors": selectors}
        self.history.append(self.state)

    def colours_running(self):
        return {name.rsplit("-", 1)[1] for name in self.state["deployments"]}

    def live_colour(self):
        live = set(self.state["selectors"].values())
        assert len(live) == 1, f"Services disagree on the live colour: {self.state['selectors']}"
        return live.pop()


class Metrics:
    def __init__(self, samples):
        self.samples, self.asked = list(samples), []

    def sample(self, colour):
        self.asked.append(colour)
        return self.samples.pop(0)


OK = {"requests_per_s": 40.0, "error_ratio": 0.001, "mean_latency_s": 0.08}
ERRORS = {"requests_per_s": 40.0, "error_ratio": 0.2, "mean_latency_s": 0.08}
SLOW = {"requests_per_s": 40.0, "error_ratio": 0.0, "mean_latency_s": 2.5}


def start():
    return FakeRelease({"blueGreen.active": "blue", "blueGreen.tags.blue": "1111111"})


def run(rel, metrics, smoke=lambda colour: True, window=90, interval=30):
    return bluegreen.release(rel, metrics, smoke, "2222222", window, interval, 0.01, 0.5, sleep=lambda s: None)


def test_release_switches_after_a_healthy_window_then_removes_the_old_colour():
    rel = start()
    assert rel.live_colour() == "blue" and rel.colours_running() == {"blue"}
    metrics = Metrics([OK, OK, OK])
    assert run(rel, metrics) == 0
    # during the window both colours ran and the Services already selected green
    during = rel.history[-2]
    assert {n.rsplit("-", 1)[1] for n in during["deployments"]} == {"blue", "green"}
    assert set(during["selectors"].values()) == {"green"}
    assert metrics.asked == ["green"] * 3
    assert rel.live_colour() == "green" and rel.colours_running() == {"green"}
    assert all(img.endswith(":2222222") for img in rel.state["deployments"].values())


def test_failed_smoke_removes_the_idle_colour_and_never_switches():
    rel = start()
    tried = []
    assert run(rel, Metrics([]), smoke=lambda c: tried.append(c) or False) == 1
    assert tried == ["green"]
    assert all(set(s["selectors"].values()) == {"blue"} for s in rel.history)
    assert rel.colours_running() == {"blue"}


@pytest.mark.parametrize("bad", [ERRORS, SLOW], ids=["error-ratio", "latency"])
def test_breach_in_the_window_rolls_back_to_the_old_colour(bad):
    rel = start()
    assert run(rel, Metrics([OK, bad, OK])) == 2
    assert rel.live_colour() == "blue" and rel.colours_running() == {"blue"}
    assert all(img.endswith(":1111111") for img in rel.state["deployments"].values())


def test_second_release_goes_back_to_blue():
    rel = start()
    assert run(rel, Metrics([OK, OK, OK])) == 0
    assert bluegreen.release(rel, Metrics([OK]), lambda c: True, "3333333", 30, 30, 0.01, 0.5,
                             sleep=lambda s: None) == 0
    assert rel.live_colour() == "blue"
    assert all(img.endswith(":3333333") for img in rel.state["deployments"].values())


def test_refuses_to_start_while_a_release_is_in_progress():
    rel = start()
    rel.upgrade({"blueGreen.deployIdle": "true"})
    with pytest.raises(SystemExit):
        run(rel, Metrics([]))
