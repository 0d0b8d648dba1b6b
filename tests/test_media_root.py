"""Files filed on a child's record live in a private media root: from HARBOUR_MEDIA_ROOT, by
default under var/ in every settings module, never in the directory Harbour is started from,
and under no URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[1]
READ = (
    "import importlib, json, sys; s = importlib.import_module(sys.argv[1]); "
    "print(json.dumps({'media': str(s.MEDIA_ROOT), 'default': s.STORAGES['default'], "
    "'returns': s.STORAGES['returns'], 'url': getattr(s, 'MEDIA_URL', ''), "
    "'public': [str(s.STATIC_ROOT), str(s.WHITENOISE_ROOT)]}))"
)


def _settings(module: str, tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HARBOUR_")}
    from cryptography.fernet import Fernet

    env.update(
        {
            "PYTHONPATH": str(ROOT / "src"),
            "HARBOUR_SECRET_KEY": "x" * 50,
            "HARBOUR_FIELD_KEYS": Fernet.generate_key().decode(),  # production refuses to start without
            "HARBOUR_AUDIT_KEYS": "k1:" + "s" * 43,  # this too
            **extra,
        }
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", READ, module],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_media_root_is_private_under_var_by_default_when_started_anywhere(module, tmp_path):
    found = _settings(module, tmp_path)

    media = Path(found["media"])
    assert media == ROOT / "var" / "media"
    assert found["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["default"]["OPTIONS"]["location"] == str(media)
    assert found["returns"]["OPTIONS"]["location"] == str(ROOT / "var" / "returns")
    assert not found["url"]  # no address for the media root
    assert not any(media.is_relative_to(public) for public in map(Path, found["public"]))


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_media_root_comes_from_the_environment_and_a_relative_one_from_the_project_root(module, tmp_path):
    chosen = _settings(module, tmp_path, HARBOUR_MEDIA_ROOT=str(tmp_path / "files"))
    relative = _settings(module, tmp_path, HARBOUR_MEDIA_ROOT="data/files")

    assert chosen["default"]["OPTIONS"]["location"] == str(tmp_path / "files")
    assert relative["default"]["OPTIONS"]["location"] == str(ROOT / "data" / "files")


def test_no_address_serves_the_media_root():
    media = Path(settings.MEDIA_ROOT)
    assert not any(
        media.is_relative_to(Path(public)) for public in (settings.STATIC_ROOT, settings.WHITENOISE_ROOT)
    )
    for path in (
        "/media/documents/2026/01/report.pdf",
        "/documents/2026/01/report.pdf",
        "/child-views/x.png",
    ):
        with pytest.raises(Resolver404):
            resolve(path)
