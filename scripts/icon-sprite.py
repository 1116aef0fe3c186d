"""Build twinhub/static/icons/sprite.svg: the Lucide icons TwinHub uses, as one SVG sprite.

The icons come from the npm package lucide-static (ISC licence, see static/icons/LICENSE):
    npm pack lucide-static@1.62.0 && tar xzf lucide-static-1.62.0.tgz
    python scripts/icon-sprite.py package/icons
Add a name to ICONS and re-run to ship another icon; templates use it as {% icon "name" %}."""

import re
import sys
from pathlib import Path

ICONS = """
arrow-left award ban bell book-open building-2 calendar camera chart-column check chevron-down
chevron-left chevron-right circle-alert circle-check circle-help circle-x clock contact download
external-link eye file-down file-text flag folder-kanban globe handshake hourglass house image inbox
info key-round languages layout-dashboard life-buoy list-checks lock log-in log-out mail map-pin
megaphone menu message-circle message-square pencil plus school search settings shield-check star
trash-2 upload user user-plus users users-round x
""".split()

OUT = Path(__file__).resolve().parent.parent / "twinhub" / "static" / "icons" / "sprite.svg"


def symbol(name: str, svg: str) -> str:
    body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
    body = re.sub(r"\s*\n\s*", "", body)
    return f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>'


def main(source: Path) -> None:
    symbols = [symbol(name, (source / f"{name}.svg").read_text()) for name in ICONS]
    OUT.write_text(
        "<!-- Lucide icons (lucide-static 1.62.0, ISC licence: LICENSE beside this file). Built by scripts/icon-sprite.py -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round">\n' + "\n".join(symbols) + "\n</svg>\n")
    print(f"{len(symbols)} icons -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
