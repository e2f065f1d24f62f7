"""The wheel carries the shipped model.

The configuration is in pyproject.toml; this file only adds a build step. ``models/`` at
the top of the repository stays the one source of truth (committed once); building a wheel
copies ``models/repair-small`` into the package as ``repair/_models/repair-small``, where
``repair.paths`` finds it once installed. Editable installs read ``models/`` in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("repair-small",)  # folders of models/ that go into the wheel


class BuildPyWithModels(build_py):
    """build_py, plus models/<name> copied to <build>/repair/_models/<name>."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install finds models/ in the checkout
        for name, source in self._models():
            target = Path(self.build_lib) / "repair" / "_models" / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(source, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            for name, source in self._models():
                base = Path(self.build_lib) / "repair" / "_models" / name
                outputs += [str(base / f.relative_to(source)) for f in sorted(source.rglob("*")) if f.is_file()]
        return outputs

    @staticmethod
    def _models() -> list[tuple[str, Path]]:
        found = []
        for name in SHIPPED:
            source = HERE / "models" / name
            if not (source / "model.safetensors").is_file():
                raise SystemExit(f"setup.py: {source}/model.safetensors is missing; "
                                 f"a wheel without its shipped model is not built")
            found.append((name, source))
        return found


setup(cmdclass={"build_py": BuildPyWithModels})
