"""Run notebooks top to bottom, slow cells included, and store their outputs without progress-bar noise.

    python tools/run_nb.py nbs/16_bench.ipynb [more notebooks]

Stored outputs are what the code does now: run this after changing what a chapter shows, then `nbdev_clean`.
Progress bars (fastprogress, tqdm) and their HTML widgets are dropped; everything a cell prints stays.
So that two refreshes store the same outputs (up to timings), each notebook starts from the same seeds (random, numpy,
torch: a cell that draws without its own seed still draws the same numbers) and the random part of temporary folder
names (`/tmp/tmpk3j_x9ab`) is stored as `tmpXXXXXXXX`. `tools/run.sh refresh` also fixes PYTHONHASHSEED.
"""
import os, random, re, sys, tempfile, time
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
import numpy as np, torch

BAR = re.compile(r'(\|[█\-#]*\|\s*[\d.]+%\s*\[[^\]]*\]|[^\n\r]*\d+%\|[^\n\r|]*\|[^\n\r]*\]|█)')

TMP = re.compile(re.escape(tempfile.gettempdir()) + r'/tmp[a-z0-9_]{8}')

def untmp(text:str) -> str:
    "`text` with the random part of temporary folder names fixed."
    return TMP.sub(tempfile.gettempdir() + '/tmpXXXXXXXX', text)

def clean_text(text:str) -> str:
    "Text a cell printed, less progress bars and the carriage returns that redraw them."
    lines = []
    for line in text.split('\n'):
        if '\r' not in line and not BAR.search(line): lines.append(line); continue
        kept = ''.join(p for p in (BAR.sub('', q).strip() if BAR.search(q) else q for q in line.split('\r')) if p.strip())
        if kept.strip(): lines.append(kept.rstrip())
    return untmp('\n'.join(lines).lstrip('\n'))

def is_progress(out:dict) -> bool:
    "A progress bar's display: fastprogress's <progress> widget or its <style> block, tqdm's widget, an empty HTML."
    data = out.get('data', {})
    html = ''.join(data.get('text/html', '')).strip()
    return ('<progress' in html or (html.startswith('<style') and 'progress' in html) or 'application/vnd.jupyter.widget-view+json' in data
            or ('text/html' in data and not html))

def clean_outputs(cell):
    outs = []
    for o in cell.get('outputs', []):
        if o.get('output_type') == 'stream':
            t = clean_text(''.join(o['text']))
            if t.strip(): outs.append({**o, 'text': t.splitlines(keepends=True)})
        elif not is_progress(o):
            if isinstance(t := o.get('data', {}).get('text/plain'), (str, list)):
                o['data']['text/plain'] = untmp(t) if isinstance(t, str) else [untmp(x) for x in t]
            outs.append(o)
    cell['outputs'] = outs

def run(path):
    path = Path(path).resolve(); nb = read_nb(path); t0 = time.time(); cwd = os.getcwd()
    os.chdir(path.parent)   # as nbdev_test runs it: relative paths start at the notebook's folder
    random.seed(0); np.random.seed(0); torch.manual_seed(0)
    try: CaptureShell(path=path.parent).run_all(nb, exc_stop=True)
    finally: os.chdir(cwd)
    for c in nb.cells:
        if c.cell_type == 'code': clean_outputs(c)
    write_nb(nb, path)
    print(f'{path}: {time.time() - t0:.0f} s')

if __name__ == '__main__':
    for p in sys.argv[1:]: run(p)
