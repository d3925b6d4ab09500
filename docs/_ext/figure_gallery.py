"""Sphinx extension: the ``figure-gallery`` directive shows every registered paper figure with its caption.

The figures are rendered at build time with :func:`clustergames.figures.reproduce` (in parallel worker processes),
so a figure registered by any topic module appears without editing the docs. Rendered files are kept under
``docs/_build/gallery/<key>/``, where the key hashes the package sources: a rebuild with unchanged code reuses them,
any change to the code renders them again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


def _source_key(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def render_gallery(srcdir: Path, quick: bool = False) -> Path:
    """Render every registered figure into ``srcdir/_build/gallery/<key>`` (once per version of the sources)."""
    import clustergames
    from clustergames import figures

    key = _source_key(Path(clustergames.__file__).parent) + ("-quick" if quick else "")
    out = srcdir / "_build" / "gallery" / key
    missing = [n for n in figures.names() if not (out / f"{n}.png").exists()]
    if missing:
        logger.info(f"figure gallery: rendering {len(missing)} figures into {out}")
        figures.reproduce(out, missing, quick=quick)
    return out


class FigureGallery(SphinxDirective):
    """``.. figure-gallery::`` -- one section per registered figure: title, image, caption, links to PDF and CSV."""

    has_content = False
    option_spec = {}

    def run(self):
        import clustergames
        from clustergames import figures

        srcdir = Path(self.env.srcdir)
        for path in sorted(Path(clustergames.__file__).parent.rglob("*.py")):
            self.env.note_dependency(str(path))  # re-read this page when any figure's code changes
        out = render_gallery(srcdir, quick=self.config.gallery_quick)
        result = []
        by_topic: dict[str, list[str]] = {}
        for name in figures.names():
            by_topic.setdefault(figures.get(name).topic, []).append(name)
        for topic, names in by_topic.items():
            section = nodes.section(ids=[f"gallery-{topic}"])
            section += nodes.title(text=topic.capitalize())
            for name in names:
                spec = figures.get(name)
                fig_section = nodes.section(ids=[f"figure-{name.replace('_', '-')}"])
                # the registered name heads the entry (it is what `reproduce --only` takes); the caption follows
                fig_section += nodes.title(text=name)
                uri = "/" + (out / f"{name}.png").relative_to(srcdir).as_posix()
                figure = nodes.figure(classes=["gallery-figure"])
                figure += nodes.image(uri=uri, alt=figures.title(name), candidates={"*": uri})
                caption = nodes.caption(text=spec.caption)
                figure += caption
                fig_section += figure
                para = nodes.paragraph()
                para += nodes.literal(text=name)
                para += nodes.Text(" — regenerate with ")
                para += nodes.literal(text=f"clustergames reproduce --only {name}")
                fig_section += para
                section += fig_section
            result.append(section)
        return result


def setup(app):
    app.add_config_value("gallery_quick", False, "env")
    app.add_directive("figure-gallery", FigureGallery)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
