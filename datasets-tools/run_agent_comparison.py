"""The reduced-budget comparison of InFOM and its eight baselines (README, Training): collects the data
if it is missing, trains every agent for every seed with `infom train` (a few runs side by side, one BLAS
thread each), and prints each agent's final evaluation per seed and as mean +- sample std.

Tasks and budgets (the README's):
  cheetah  cheetah_run; 43 episodes of `rnd` data (--hidden 256 --batch 256, seed 0) for pre-training and the same
           relabelled with cheetah_run for fine-tuning; --preset small, 4,000 + 20,000 updates, evaluations every
           5,000; the final return.
  cube     cube-single-singletask-task1-v0; 500 `play` episodes (seed 7) and their task-1 relabelling; --preset
           small, 10,000 + 20,000 updates, evaluations every 10,000; the final success rate.
The rnd data's bytes depend on the OpenBLAS kernel set (printed with the sha256; the README's come
from OPENBLAS_CORETYPE=SkylakeX). Every run evaluates 10 episodes. A run whose folder already holds
eval.json is not trained again, and an interrupted one resumes (infom train's own resumption; its log
grows), so the script can be run again after a stop.

Usage (standard library only):
  python datasets-tools/run_agent_comparison.py --infom .build/release/infom --task cheetah --out comparison
      [--agents infom,iql,...] [--seeds 0,1,2] [--parallel 2] [--dry-run]
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import statistics
import subprocess
import sys
import zipfile

AGENTS = ('infom', 'iql', 'rebrac', 'mbpo-rebrac', 'dino-rebrac', 'crl-is', 'td-infonce-is', 'fb-iql', 'hilp-iql')
TASKS = {
    'cheetah': dict(env='cheetah_run', data='cheetah-rnd.npz', finetune='cheetah-rnd-run.npz', metric='return',
                    collect=['--env', 'cheetah_run', '--collector', 'rnd', '--episodes', '43', '--hidden', '256',
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
    if not args.dry_run:
        print(f'data sha256: {sha256(data)}  {data}\n             {sha256(finetune)}  {finetune}\n'
              f'collector:   {collector(data)}', flush=True)

    def train(agent, seed):
        folder = os.path.join(args.out, 'runs', f'{args.task}-{agent}-{seed}')
        if not os.path.exists(os.path.join(folder, 'eval.json')):
            run([args.infom, 'train', '--env', task['env'], '--pretrain-data', data, '--finetune-data', finetune,
                 '--agent', agent, '--preset', 'small', *task['budget'], '--eval-episodes', '10', '--seed', str(seed),
                 '--out', folder], args.dry_run, log=folder + '.log')
        return folder

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
        folders = {(agent, seed): pool.submit(train, agent, seed) for agent in agents for seed in seeds}
        folders = {key: future.result() for key, future in folders.items()}
    if args.dry_run:
        return
    print(f'\n{task["env"]}: final {task["metric"]} over {len(seeds)} seeds ({", ".join(map(str, seeds))})')
    for agent in agents:
        values = []
        for seed in seeds:
            with open(os.path.join(folders[(agent, seed)], 'eval.json')) as file:
                result = json.load(file)
            values.append(result[task['metric']])
        spread = statistics.stdev(values) if len(values) > 1 else float('nan')
        print(f'  {agent:14s} {statistics.mean(values):8.2f} +- {spread:6.2f}   per seed: '
              + ', '.join(f'{value:.2f}' for value in values))


if __name__ == '__main__':
    main()
