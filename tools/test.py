"""The project's test command: notebooks/modules in sync, README in sync, every notebook's tests, the docs build.

Ends with one plain line `N passed, M failed` counting notebooks. Extra arguments go to `nbdev_test`
(e.g. `--flags slow` to also run the slow cells, `--path nbs/01_vision.ipynb` for one notebook).
"""
import os, re, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
os.chdir(root)
bindir = Path(sys.executable).parent
def tool(name): return str(bindir/name)

def git_state():
    "What the work tree looks like to git: status plus diff, so any change to a tracked or untracked file shows."
    if not (root/'.git').exists(): return None
    st = subprocess.run(['git', 'status', '--porcelain', '--untracked-files=all'], capture_output=True, text=True).stdout
    diff = subprocess.run(['git', 'diff'], capture_output=True, text=True).stdout
    return st + diff

def check_sync():
    "Fail if `nbdev_export`, `nbdev_clean` or the README build would change any file."
    before = git_state()
    if before is None: return print('== sync check skipped: not a git checkout')
    subprocess.run([tool('nbdev_export')], check=True)
    subprocess.run([tool('nbdev_clean')], check=True)
    subprocess.run([sys.executable, 'tools/readme.py'], check=True)
    after = git_state()
    if before != after:
        changed = subprocess.run(['git', 'status', '--porcelain'], capture_output=True, text=True).stdout
        sys.exit('FAILED: notebooks, modules and README are out of sync. `nbdev_export`, `nbdev_clean` and '
                 '`python tools/readme.py` changed these files:\n' + changed +
                 'Edit the notebooks in nbs/ (never the generated modules), run `nbdev_export && nbdev_clean && '
                 'python tools/readme.py`, and commit the result.\n0 passed, 1 failed')
    print('== notebooks, modules and README in sync')

def run_tests(args):
    "Run `nbdev_test`, echoing its output; return (passed, failed) notebook names."
    cmd = [tool('nbdev_test'), '--do_print', '--timing', *args]
    if '--n_workers' not in args: cmd += ['--n_workers', str(min(os.cpu_count() or 1, 2))]
    print('== nbdev_test', *cmd[1:], flush=True)
    # One BLAS/OpenMP thread per notebook: parallel notebooks each using every core oversubscribe the CPU.
    env = {**os.environ, 'OMP_NUM_THREADS': os.environ.get('OMP_NUM_THREADS', '1')}
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    out = []
    for line in p.stdout:
        sys.stdout.write(line); sys.stdout.flush(); out.append(line)
    p.wait()
    text = ''.join(out)
    ran = re.findall(r'^- Completed (.+)$', text, re.M)
    failed = set()
    if 'nbdev Tests Failed On The Following Notebooks' in text:
        tail = text.split('nbdev Tests Failed On The Following Notebooks:')[1]
        failed = {l.strip() for l in tail.splitlines()[2:] if l.startswith('\t')}
    names = [Path(r).name for r in ran]
    if p.returncode and not failed: failed = {'nbdev_test'}
    return [n for n in names if n not in failed], sorted(failed)

def build_docs():
    "Process the notebooks as the docs build does, then render each one to HTML; return the failures."
    from nbdev.serve import proc_nbs
    import nbdev.doclinks
    nbdev.doclinks._build_modidx()
    bad = []
    try: proc_nbs(n_workers=1)
    except Exception as e:  # nbdev names the notebook and cell; keep going so the summary line still prints
        print(f'FAILED: docs processing: {e}'.splitlines()[0], flush=True); bad.append('nbdev_proc_nbs')
    out = root/'_html'; out.mkdir(exist_ok=True)
    for nb in sorted((root/'_proc').glob('*.ipynb')):
        r = subprocess.run([tool('jupyter'), 'nbconvert', '--to', 'html', '--output-dir', str(out), str(nb)],
                           capture_output=True, text=True)
        if r.returncode: bad.append(nb.name); print(r.stderr[-2000:])
    print(f'== docs: {len(list(out.glob("*.html")))} pages rendered, {len(bad)} failed', flush=True)
    return bad

if __name__ == '__main__':
    t0 = time.time()
    check_sync()
    bad_docs = build_docs()
    passed, failed = run_tests(sys.argv[1:])
    failed += [f'docs:{b}' for b in bad_docs]
    if failed: print('FAILED:', ', '.join(failed))
    print(f'== {time.time()-t0:.0f} s')
    if not sys.argv[1:]:  # the default run: its wall time goes to minigpt4_nb_bench's table
        try:
            from minigpt4_nb.bench import record_wall_time
            record_wall_time('test', time.time() - t0, f'{len(passed)} passed, {len(failed)} failed')
        except Exception as e: print(f'== wall time not recorded: {e}')
    if not passed and not failed: print('FAILED: no notebook ran'); failed = ['(no notebook ran)']
    print(f'{len(passed)} passed, {len(failed)} failed')
    sys.exit(1 if failed else 0)
