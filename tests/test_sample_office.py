"""The sample office committed at the repository root is exactly what `init` writes."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from crm_office.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent


def office_files(root: Path) -> dict[str, bytes]:
    files = [root / "config.toml", *sorted((root / "workbooks").glob("*.xlsx")),
             *sorted((root / "templates").glob("*.docx")),
             *sorted((root / "templates").glob("*.png"))]
    return {str(path.relative_to(root)): path.read_bytes() for path in files}


def test_committed_office_equals_a_fresh_init(tmp_path):
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "office")])
    assert result.exit_code == 0, result.output
    fresh = office_files(tmp_path / "office")
    committed = office_files(ROOT)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], "regenerate with: crm-office init . --force"


def test_init_refuses_to_overwrite_without_force(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "already holds an office" in result.output
    assert "--force" in result.output


def test_sample_office_checks_clean():
    result = CliRunner().invoke(cli, ["--config", str(ROOT / "config.toml"), "check"])
    assert result.exit_code == 0, result.output
    assert "11 tables, 5,322 rows: 0 errors, 0 warnings, 0 notes — OK" in result.output


@pytest.mark.libreoffice
def test_libreoffice_converts_a_demo_workbook_to_csv(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is required; scripts/test.sh installs it")
    source = tmp_path / "clients.xlsx"
    shutil.copy(ROOT / "workbooks" / "clients.xlsx", source)
    done = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path / "csv"), str(source)],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    with (tmp_path / "csv" / "clients.csv").open(encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][:3] == ["Client ID", "Client", "Legal name"]
    assert len(rows) == 301
    assert rows[1][0] == "C-000001"
