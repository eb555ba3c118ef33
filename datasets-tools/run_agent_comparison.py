"""The reduced-budget comparison of InFOM and its eight baselines (README, Training): collects the data
if it is missing, trains every agent for every seed with `infom train` (a few runs side by side, one BLAS
thread each), and prints each agent's final evaluation per seed and as mean +- sample std.

Tasks and budgets (the README's):
  cheetah  cheetah_run; 43 episodes of `rnd` data (--hidden 256 --batch 256, seed 0) for pre-training and the same
           relabelled with cheetah_run for fine-tuning; --preset small, 4,000 + 20,000 updates, evaluations every
           5,000; the final return.
  jaco     jaco_reach_top_left; 172 episodes (43,000 steps, as cheetah's) of `rnd` data (--hidden 256 --batch 256,
           seed 0) and the same relabelled with jaco_reach_top_left; --preset small, 4,000 + 20,000 updates,
           evaluations every 5,000; the final return (of 250).
  cube     cube-single-singletask-task1-v0; 500 `play` episodes (seed 7) and their task-1 relabelling; --preset
           small, 10,000 + 20,000 updates, evaluations every 10,000; the final success rate.
The rnd data's bytes depend on the OpenBLAS kernel set (printed with the sha256; the README's come
from OPENBLAS_CORETYPE=SkylakeX, which needs a CPU with AVX-512), and a training run's values round
as its products do. Every run evaluates 10 episodes. A run whose folder already holds
eval.json is not trained again, and an interrupted one resumes (infom train's own resumption; its log
grows), so the script can be run again after a stop. With --record FILE each finished run's final
value and evaluations are kept in FILE (JSON, with the data's sha256, the budget, the binary's sha256,
the OpenBLAS kernel set it ran on and the checkout's commit), and a run already in FILE for the same data and budget is not trained
again: a comparison longer than one sitting is finished elsewhere from the committed file
(datasets-tools/comparison-TASK.json).

Usage (standard library only):
  python datasets-tools/run_agent_comparison.py --infom .build/release/infom --task cheetah --out comparison
      [--agents infom,iql,...] [--seeds 0,1,2] [--parallel 2] [--record FILE.json] [--dry-run]
"""
import argparse
import concurrent.futures
import csv
import hashlib
import json
import os
import statistics
import subprocess
import sys
import threading
import zipfile

AGENTS = ('infom', 'iql', 'rebrac', 'mbpo-rebrac', 'dino-rebrac', 'crl-is', 'td-infonce-is', 'fb-iql', 'hilp-iql')
TASKS = {
    'cheetah': dict(env='cheetah_run', data='cheetah-rnd.npz', finetune='cheetah-rnd-run.npz', metric='return',
                    collect=['--env', 'cheetah_run', '--collector', 'rnd', '--episodes', '43', '--hidden', '256',
                             '--batch', '256'],
                    budget=['--pretrain-steps', '4000', '--finetune-steps', '20000', '--eval-every', '5000']),
    'jaco': dict(env='jaco_reach_top_left', data='jaco-rnd.npz', finetune='jaco-rnd-top-left.npz', metric='return',
                 collect=['--env', 'jaco_reach_top_left', '--collector', 'rnd', '--episodes', '172', '--hidden', '256',
                          '--batch', '256'],
                 budget=['--pretrain-steps', '4000', '--finetune-steps', '20000', '--eval-every', '5000']),
    'cube': dict(env='cube-single-singletask-task1-v0', data='cube-play500.npz', finetune='cube-task1-500.npz',
                 metric='success',
                 collect=['--env', 'cube-single-v0', '--collector', 'play', '--episodes', '500', '--seed', '7'],
                 budget=['--pretrain-steps', '10000', '--finetune-steps', '20000', '--eval-every', '10000']),
}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as file:
        for block in iter(lambda: file.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def collector(path):
    """The collector named in a dataset file's metadata (for rnd data also the OpenBLAS kernel set
    it ran on, whose rounding its bytes depend on)."""
    with zipfile.ZipFile(path) as archive:
        if 'metadata.json' not in archive.namelist():
            return 'unknown (the file has no metadata)'
        return json.loads(archive.read('metadata.json')).get('collector', 'unknown')


class Record:
    """Finished runs kept in a JSON file ({"runs": [...]}), each with what makes it comparable: the
    task, the data's sha256 and the budget. Written to a temporary name and renamed after each run."""

    def __init__(self, path, entry, binary, blas):
        self.path, self.entry, self.lock = path, entry, threading.Lock()
        self.binary, self.blas = sha256(binary), blas
        self.runs = []
        if os.path.exists(path):
            try:
                with open(path) as file:
                    self.runs = json.load(file)['runs']
                assert isinstance(self.runs, list) and all(isinstance(run, dict) for run in self.runs)
            except (ValueError, KeyError, TypeError, AssertionError):
                sys.exit(f'run_agent_comparison: {path} is not a record of runs ({{"runs": [...]}}); '
                         'give another --record file or delete it')
        others = [run for run in self.runs if run.get('task') == entry['task'] and not self.matches(run)]
        if others:
            print(f'record: {len(others)} runs in {path} are for other data or another budget; kept, not used', flush=True)

    def matches(self, run):
        return all(run.get(key) == value for key, value in self.entry.items())

    def find(self, agent, seed):
        return next((run for run in self.runs if self.matches(run) and run['agent'] == agent and run['seed'] == seed), None)

    def add(self, agent, seed, value, evaluations):
        with self.lock:
            self.runs = [run for run in self.runs if not (self.matches(run) and run['agent'] == agent and run['seed'] == seed)]
            self.runs.append(dict(self.entry, agent=agent, seed=seed, value=value, evaluations=evaluations,
                                  binary_sha256=self.binary, blas=self.blas, checkout=checkout()))
            self.runs.sort(key=lambda run: (run['task'], AGENTS.index(run['agent']) if run['agent'] in AGENTS else 99,
                                            run['seed']))
            temporary = f'{self.path}.partial-{os.getpid()}'
            with open(temporary, 'w') as file:
                file.write('{"runs": [\n' + ',\n'.join(json.dumps(run) for run in self.runs) + '\n]}\n')
            os.replace(temporary, self.path)


def kernel_set(binary):
    """The OpenBLAS kernel set the binary runs on here, from `infom --version` ("…, OpenBLAS kernels
    Haswell)"); None when the version does not name it."""
    result = subprocess.run([binary, '--version'], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f'run_agent_comparison: `{binary} --version` failed: {result.stderr.strip()}')
    marker = 'OpenBLAS kernels '
    return result.stdout.split(marker, 1)[1].split(')', 1)[0] if marker in result.stdout else None


def checkout():
    """The commit of the checkout this script is in (the one the binary is normally built from), or
    None outside a git checkout."""
    result = subprocess.run(['git', '-C', os.path.dirname(os.path.abspath(__file__)), 'rev-parse', 'HEAD'],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def evaluations(folder, metric):
    """A run's evaluations as (update, value) pairs, from its eval.csv."""
    with open(os.path.join(folder, 'eval.csv')) as file:
        rows = list(csv.DictReader(file))
    return [[int(row['step']), float(row[metric])] for row in rows]


def run(command, dry_run, log=None):
    print(' '.join(command), flush=True)
    if dry_run:
        return
    env = dict(os.environ, OPENBLAS_NUM_THREADS='1')
    with open(log, 'a') if log else open(os.devnull, 'w') as output:
        result = subprocess.run(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        sys.exit(f'run_agent_comparison: `{" ".join(command)}` failed with exit status {result.returncode}'
                 + (f'; see {log}' if log else ''))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--infom', required=True, help='the infom binary (a release build)')
    parser.add_argument('--task', required=True, choices=sorted(TASKS))
    parser.add_argument('--out', required=True, help='folder for the data, the runs and their logs')
    parser.add_argument('--agents', default=','.join(AGENTS))
    parser.add_argument('--seeds', default='0,1,2')
    parser.add_argument('--parallel', type=int, default=2, help='runs side by side (one BLAS thread each)')
    parser.add_argument('--record', help='JSON file of finished runs to add to and to skip (see above)')
    parser.add_argument('--dry-run', action='store_true', help='print the commands without running them')
    args = parser.parse_args()
    agents = args.agents.split(',')
    unknown = [name for name in agents if name not in AGENTS]
    if unknown:
        sys.exit(f'run_agent_comparison: unknown agent {unknown[0]}; choose from {", ".join(AGENTS)}')
    seeds = [int(seed) for seed in args.seeds.split(',')]
    task = TASKS[args.task]
    os.makedirs(os.path.join(args.out, 'runs'), exist_ok=True)
    data, finetune = (os.path.join(args.out, task[key]) for key in ('data', 'finetune'))
    if not os.path.exists(data):
        run([args.infom, 'collect', *task['collect'], '--out', data], args.dry_run)
    if not os.path.exists(finetune):
        run([args.infom, 'dataset', 'relabel', '--task', task['env'], data, finetune], args.dry_run)
    record = None
    if not args.dry_run:
        data_sha256, finetune_sha256, kernels = sha256(data), sha256(finetune), kernel_set(args.infom)
        print(f'data sha256: {data_sha256}  {data}\n             {finetune_sha256}  {finetune}\n'
              f'collector:   {collector(data)}\nkernels:     {kernels} (OpenBLAS, for training)', flush=True)
        if args.record:
            record = Record(args.record, dict(task=args.task, env=task['env'], metric=task['metric'],
                                              data_sha256=data_sha256, finetune_sha256=finetune_sha256,
                                              budget=['--preset', 'small', *task['budget'], '--eval-episodes', '10']),
                            args.infom, kernels)

    def train(agent, seed):
        """The run's final value: recorded, or from its folder after training it there."""
        if record and (found := record.find(agent, seed)):
            print(f'recorded: {args.task} {agent} seed {seed}: {found["value"]} (checkout {found.get("checkout")})', flush=True)
            return found['value']
        folder = os.path.join(args.out, 'runs', f'{args.task}-{agent}-{seed}')
        if not os.path.exists(os.path.join(folder, 'eval.json')):
            run([args.infom, 'train', '--env', task['env'], '--pretrain-data', data, '--finetune-data', finetune,
                 '--agent', agent, '--preset', 'small', *task['budget'], '--eval-episodes', '10', '--seed', str(seed),
                 '--out', folder], args.dry_run, log=folder + '.log')
        if args.dry_run:
            return None
        with open(os.path.join(folder, 'eval.json')) as file:
            value = json.load(file)[task['metric']]
        if record:
            record.add(agent, seed, value, evaluations(folder, task['metric']))
        return value

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
        finals = {(agent, seed): pool.submit(train, agent, seed) for agent in agents for seed in seeds}
        finals = {key: future.result() for key, future in finals.items()}
    if args.dry_run:
        return
    print(f'\n{task["env"]}: final {task["metric"]} over {len(seeds)} seeds ({", ".join(map(str, seeds))})')
    for agent in agents:
        values = [finals[(agent, seed)] for seed in seeds]
        spread = statistics.stdev(values) if len(values) > 1 else float('nan')
        print(f'  {agent:14s} {statistics.mean(values):8.2f} +- {spread:6.2f}   per seed: '
              + ', '.join(f'{value:.2f}' for value in values))


if __name__ == '__main__':
    main()
