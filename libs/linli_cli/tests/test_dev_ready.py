"""`linli dev`'s banner: compounds known, households still arriving with a count, the ready line last."""

from pathlib import Path

from linli_cli import dev


class Stub:
    def manifest(self) -> dict:
        return {"endpoints": {"tickets": "127.0.0.1:50052"}}


TENANTS = [
    {
        "id": "hanyang",
        "name": "汉阳区",
        "tokens": {"district_admin": "tok"},
        "compounds": ["a", "b"],
        "households": 700,
    },
    {
        "id": "donghu",
        "name": "东湖高新区",
        "tokens": {"district_admin": "tok2"},
        "compounds": ["c"],
        "households": 300,
    },
]


def test_the_banner_counts_households_still_arriving_and_ends_with_the_ready_line(capsys):
    dev._print_summary(Stub(), TENANTS, 31.26, Path(".linli/dev.json"), arrived=400)
    out = capsys.readouterr().out
    assert "演示小区 3 个" in out and "已同步 400 / 1000 户，其余 600 户仍在同步" in out
    assert out.rstrip().splitlines()[-1] == "✓ linli 已就绪（31.3 秒）：.linli/dev.json"


def test_when_every_household_arrived_it_says_so(capsys):
    dev._print_summary(Stub(), TENANTS, 5.0, Path("x.json"), arrived=1000)
    assert "1000 户均已同步" in capsys.readouterr().out
