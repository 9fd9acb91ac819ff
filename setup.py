"""Builds tela's Python module (tela/_tela, python/tela_module.cpp) with CMake, for the Python
running pip, into build-python/; the package's pure-Python half is python/tela/. Metadata is in
pyproject.toml."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = SOURCE / "build-python" / "cmake"
        subprocess.run(["cmake", "-S", str(SOURCE), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                        "-DTELA_LIBRARY_ONLY=ON", "-DTELA_PYTHON=ON",
                        f"-DPython_EXECUTABLE={sys.executable}"], check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(["cmake", "--build", str(build), "--target", "tela_python", "-j", jobs],
                       check=True)
        built = next((build / "python" / "tela").glob("_tela*.so"))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target.with_name(built.name))


# Everything the build writes goes to build-python/, none of it beside the sources.
(SOURCE / "build-python").mkdir(exist_ok=True)
setup(
    packages=["tela"],
    package_dir={"tela": "python/tela"},
    ext_modules=[Extension("tela._tela", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": "build-python"}, "egg_info": {"egg_base": "build-python"}},
    zip_safe=False,
)
