"""Generate a corpus of N documents from the five samples.

Each document is a sample with its department renamed, its years shifted and every amount
multiplied by a small whole factor (so every total still equals the sum of its parts, exactly);
a share of them get one table figure changed (an injected inconsistency). All distinct bytes.
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import Decimal
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "raw"
DEPARTMENTS = {
    "000_ababedf1869e2353.txt": "宁德市医疗保障局",
    "001_d19904a04800f4dd.txt": "宁县医疗保障局",
    "002_66a8595c7102542c.txt": "开发区·铁山区医疗保障局",
    "003_fe244c6e34d881f1.txt": "浏阳市医疗保障局",
    "004_a15be56197084065.txt": "固原市医疗保障局",
}
DIGITS = "零一二三四五六七八九"
_YEAR = re.compile(r"(20[12]\d)(\s*年)")
_AMOUNT = re.compile(r"(?<![\d.])(\d+)\.(\d{2})(?![\d%])")
_TABLE_FIGURE = re.compile(r"\t(\d+\.\d{2})(?=\t|$)")


def place_name(index: int) -> str:
    return "".join(DIGITS[int(d)] for d in str(index)) + "号区"


def render(sample: str, index: int, rng: random.Random, error_rate: float) -> tuple[str, bool]:
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    department = DEPARTMENTS[sample]
    text = text.replace(department, place_name(index) + department[-5:])
    shift = rng.randint(-3, 2)
    text = _YEAR.sub(lambda m: f"{int(m.group(1)) + shift}{m.group(2)}", text)
    factor = rng.randint(1, 3)
    if factor != 1:
        text = _AMOUNT.sub(lambda m: f"{Decimal(m.group(0)) * factor:.2f}", text)
    injected = rng.random() < error_rate
    if injected:
        figures = list(_TABLE_FIGURE.finditer(text))
        if figures:
            m = rng.choice(figures)
            changed = f"{Decimal(m.group(1)) + Decimal('7.00'):.2f}"
            text = text[: m.start(1)] + changed + text[m.end(1):]
        else:
            injected = False
    return text, injected


def generate(out: Path, count: int, seed: int = 7, error_rate: float = 0.05, start: int = 0) -> list[Path]:
    """Write ``count`` documents under ``out`` (100 per folder) and return their paths."""
    rng = random.Random(seed + start)
    samples = sorted(DEPARTMENTS)
    paths = []
    for index in range(start, start + count):
        text, injected = render(samples[index % len(samples)], index, rng, error_rate)
        path = out / f"batch{index // 100:04d}" / f"doc{index:06d}{'_err' if injected else ''}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
