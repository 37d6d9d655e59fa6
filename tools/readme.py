"""Write README.md from nbs/index.ipynb (what `nbdev_readme` does where quarto is installed).

Markdown cells are copied; code cells become ```python blocks (nbdev `#|` directives removed, `#| hide` cells
dropped) followed by their text output. Deterministic, so CI can check that README.md is in sync.
"""
import json
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def cell_text(cell):
    src = ''.join(cell['source'])
    # quarto's {mermaid} block is plain ```mermaid on GitHub
    if cell['cell_type'] == 'markdown': return src.replace('```{mermaid}', '```mermaid').strip()
    lines = src.splitlines()
    directives = [l for l in lines if l.startswith('#|')]
    if any(d.split()[1:2] in (['hide'], ['exporti']) for d in directives): return ''
    code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
    outs = [''.join(o.get('text', '')) or ''.join(o.get('data', {}).get('text/plain', ''))
            for o in cell.get('outputs', [])]
    out = '\n'.join(o.rstrip() for o in outs if o.strip())
    parts = [f'```python\n{code}\n```'] if code else []
    if out: parts.append(f'```\n{out}\n```')
    return '\n\n'.join(parts)

def main():
    nb = json.loads((root/'nbs/index.ipynb').read_text())
    body = '\n\n'.join(t for t in map(cell_text, nb['cells']) if t)
    head = '<!-- WARNING: generated from nbs/index.ipynb by tools/readme.py; edit the notebook instead -->\n\n'
    (root/'README.md').write_text(head + body + '\n')

if __name__ == '__main__': main()
