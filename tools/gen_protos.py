"""Generate Python stubs from proto/ into libs/linli_proto (make proto), or check they are fresh.

python tools/gen_protos.py            # regenerate
python tools/gen_protos.py --check    # exit 1 if the committed stubs differ from fresh ones
"""

from __future__ import annotations

import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

import grpc_tools
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO = ROOT / "proto"
OUT = ROOT / "libs" / "linli_proto"
GENERATED = OUT / "linli"


def generate(into: Path) -> None:
    files = sorted(str(p.relative_to(PROTO)) for p in PROTO.rglob("*.proto"))
    include = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{PROTO}",
        f"-I{include}",
        f"--python_out={into}",
        f"--pyi_out={into}",
        f"--grpc_python_out={into}",
        *files,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    for pkg in sorted({p.parent for p in (into / "linli").rglob("*.py")}):
        while pkg != into:
            (pkg / "__init__.py").touch()
            pkg = pkg.parent


def same_tree(a: Path, b: Path) -> list[str]:
    diffs = []
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    diffs += [f"missing: {n}" for n in sorted(names_a - names_b)]
    diffs += [f"stale: {n}" for n in sorted(names_b - names_a)]
    diffs += [
        f"differs: {n}" for n in sorted(names_a & names_b) if not filecmp.cmp(a / n, b / n, shallow=False)
    ]
    return diffs


def main() -> int:
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            diffs = same_tree(Path(tmp) / "linli", GENERATED)
        if diffs:
            print("generated code is stale; run `make proto`:\n  " + "\n  ".join(diffs))
            return 1
        print("generated code is fresh")
        return 0
    if GENERATED.exists():
        shutil.rmtree(GENERATED)
    generate(OUT)
    print(
        f"generated {sum(1 for _ in GENERATED.rglob('*_pb2.py'))} modules into {GENERATED.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
