"""Which container images the CLI runs, chosen by the environment."""

import pytest

from ddp_testkit.infra.images import KAFKA_VERSION, POSTGRES_VERSION, Images, selected_images


def test_the_locally_built_images_are_the_default() -> None:
    assert selected_images({}) == Images(f"ddp-local/kafka:{KAFKA_VERSION}", f"ddp-local/postgres:{POSTGRES_VERSION}")


def test_local_can_be_chosen_explicitly() -> None:
    assert selected_images({"DDP_IMAGES": "local"}) == selected_images({})


def test_the_official_images_can_be_chosen() -> None:
    assert selected_images({"DDP_IMAGES": "official"}) == Images(
        f"apache/kafka:{KAFKA_VERSION}", f"postgres:{POSTGRES_VERSION}"
    )


@pytest.mark.parametrize("choice", ["official", "local"])
def test_each_image_can_be_overridden_on_top_of_either_choice(choice) -> None:
    env = {"DDP_IMAGES": choice, "DDP_KAFKA_IMAGE": "registry.example/kafka:9", "DDP_POSTGRES_IMAGE": "pg:16"}
    assert selected_images(env) == Images("registry.example/kafka:9", "pg:16")


def test_overriding_one_image_keeps_the_other() -> None:
    images = selected_images({"DDP_IMAGES": "official", "DDP_POSTGRES_IMAGE": "pg:16"})
    assert images == Images(f"apache/kafka:{KAFKA_VERSION}", "pg:16")


@pytest.mark.parametrize("choice", ["Official", "docker", ""])
def test_an_unknown_choice_is_refused(choice) -> None:
    with pytest.raises(ValueError, match="DDP_IMAGES"):
        selected_images({"DDP_IMAGES": choice})


def test_the_process_environment_is_read_when_none_is_given(monkeypatch) -> None:
    monkeypatch.setenv("DDP_IMAGES", "official")
    monkeypatch.delenv("DDP_KAFKA_IMAGE", raising=False)
    assert selected_images().kafka == f"apache/kafka:{KAFKA_VERSION}"
