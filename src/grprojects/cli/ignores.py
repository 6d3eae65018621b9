"""Which paths a directory walk leaves out: ``--exclude`` patterns and ``.gitignore`` files.

Both use gitignore's pattern language (through :mod:`pathspec`, which black and hatch
use too), so ``node_modules/``, ``*.schema.json`` and ``data/old/**`` mean what they
mean to git. ``.gitignore`` files count only inside a git repository, as for git and
ruff: the repository's root one, those of the directories on the way down (a deeper
file overrides a shallower one, ``!`` re-includes) and ``.git/info/exclude``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


def _spec(lines: Sequence[str]) -> GitIgnoreSpec:
    """Patterns compiled; pathspec is imported only when there are some (not for one file)."""
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _relative(path: Path, base: Path, *, directory: bool) -> str:
    """``path`` relative to ``base`` in git's form: ``/`` separators, ``/`` after a directory."""
    text = Path(os.path.relpath(path, base)).as_posix()
    return f"{text}/" if directory else text


def _repository_root(folder: Path) -> Path | None:
    """The nearest directory at or above ``folder`` holding ``.git`` (a worktree's is a file)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class Ignores:
    """Decides whether a path found by walking a directory or expanding a glob is left out."""

    def __init__(
        self,
        exclude: Sequence[str] = (),
        *,
        base: Path,
        gitignore: bool = True,
        force_exclude: bool = False,
    ) -> None:
        """``exclude`` holds gitignore-style patterns relative to ``base``;
        ``force_exclude`` applies them to files named themselves too (for pre-commit)."""
        self.exclude = _spec(exclude) if exclude else None
        self.base = base.absolute()
        self.gitignore = gitignore
        self.force_exclude = force_exclude
        self._specs: dict[Path, GitIgnoreSpec | None] = {}
        self._roots: dict[Path, Path | None] = {}

    def _gitignore_in(self, folder: Path, root: Path) -> GitIgnoreSpec | None:
        """The patterns of ``folder``'s ``.gitignore`` (and, at the root, ``info/exclude``)."""
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".gitignore"]
            if folder == root:
                sources.insert(0, root / ".git" / "info" / "exclude")
            for source in sources:
                try:
                    lines += source.read_text("utf-8", errors="replace").splitlines()
                except OSError:  # none there, or a worktree's .git file: nothing to add
                    continue
            self._specs[folder] = _spec(lines) if lines else None
        return self._specs[folder]

    def _ignored_by_git(self, path: Path, *, directory: bool) -> bool:
        parent = path.parent
        if parent not in self._roots:
            self._roots[parent] = _repository_root(parent)
        root = self._roots[parent]
        if root is None:
            return False
        ignored = False
        # From the root down, so a deeper .gitignore has the last word.
        for folder in (*reversed(parent.relative_to(root).parents), parent.relative_to(root)):
            spec = self._gitignore_in(root / folder, root)
            if spec is not None:
                found = spec.check_file(_relative(path, root / folder, directory=directory))
                if found.include is not None:
                    ignored = found.include
        return ignored

    def excluded(self, path: Path, *, directory: bool = False) -> bool:
        """Whether an ``exclude`` pattern matches ``path`` (a directory when ``directory``)."""
        relative = _relative(path.absolute(), self.base, directory=directory)
        return self.exclude is not None and self.exclude.match_file(relative)

    def ignored(self, path: Path, *, directory: bool = False) -> bool:
        """Whether ``path`` (a directory when ``directory``) is excluded or git-ignored."""
        if self.excluded(path, directory=directory):
            return True
        return self.gitignore and self._ignored_by_git(path.absolute(), directory=directory)

    def passed_over(self, named: Path) -> bool:
        """Whether a file named on the command line is left out (only with ``force_exclude``)."""
        return self.force_exclude and self.excluded(named)
