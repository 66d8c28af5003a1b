"""Writes each ```cpp block of a Markdown file into its own translation unit.

usage: extract_snippets.py <file.md> <output directory>
Prints the paths written, one per line, for CMake to compile; fails if there is no block. A block
whose first line is `// does not compile` is left out: it shows a mistake (check_error_sample.py
checks what the compiler says about the README's).
"""
import pathlib
import re
import sys

source = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
blocks = [b for b in re.findall(r"^```cpp\n(.*?)^```", source.read_text(), flags=re.S | re.M)
          if not b.startswith("// does not compile")]
if not blocks:
    sys.exit(f"{source}: no ```cpp block")
for old in out.glob("*.cpp"):
    old.unlink()
for i, code in enumerate(blocks, 1):
    path = out / f"{source.stem.replace('-', '_')}_{i}.cpp"
    path.write_text(f"// Block {i} of {source.name}, extracted by tests/docs/extract_snippets.py.\n{code}")
    print(path)
