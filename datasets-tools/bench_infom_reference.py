"""Times the reference JAX InFOM agent on CPU, to set beside `infom bench infom --preset paper`.

Same shapes as our benchmark: walker-sized inputs (d_s = 24, d_a = 6), batch 256, the reference's
default networks with walker's hyperparameters (latent 512, kl_weight 0.1, alpha 0.3), fine-tuning
with the actor on every 4th update. Reports updates/s after a warm-up (jit compilation excluded).

Usage: python datasets-tools/bench_infom_reference.py --reference PATH/TO/infom [--iterations 8] [--json]
"""
import argparse
import json
import sys
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--reference', required=True)
    parser.add_argument('--iterations', type=int, default=8)
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args()
    sys.path.insert(0, args.reference)
    import jax
    jax.config.update('jax_platform_name', 'cpu')
    from agents.infom import InFOMAgent, get_config

    config = get_config()
    config.update(dict(value_layer_norm=False, latent_dim=512, kl_weight=0.1, alpha=0.3))
    rng = np.random.default_rng(0)
    b, ds, da = 256, 24, 6
    batch = dict(
        observations=rng.normal(size=(b, ds)).astype(np.float32),
        actions=rng.uniform(-1, 1, size=(b, da)).astype(np.float32),
        next_observations=rng.normal(size=(b, ds)).astype(np.float32),
        next_actions=rng.uniform(-1, 1, size=(b, da)).astype(np.float32),
        rewards=rng.normal(size=(b,)).astype(np.float32),
        observation_min=np.full(ds, -3, np.float32),
        observation_max=np.full(ds, 3, np.float32),
    )
    agent = InFOMAgent.create(0, batch['observations'], batch['actions'], config)

    def timed(update):
        nonlocal agent
        agent, info = update(agent, 0)
        jax.block_until_ready(info)
        start = time.perf_counter()
        for i in range(args.iterations):
            agent, info = update(agent, i + 1)
        jax.block_until_ready(info)
        return args.iterations / (time.perf_counter() - start)

    pretrain = timed(lambda a, i: a.pretrain(batch))
    agent.target_reset()
    agent, info = agent.finetune(batch, full_update=True)  # compile both variants before timing
    jax.block_until_ready(info)
    finetune = timed(lambda a, i: a.finetune(batch, full_update=(i % 4 == 0)))
    report = dict(pretrain_updates_per_s=pretrain, finetune_updates_per_s=finetune, batch=b,
                  jax=jax.__version__, devices=str(jax.devices()))
    print(json.dumps(report) if args.json else
          f'reference JAX InFOM on CPU: pre-training {pretrain:.2f} updates/s, fine-tuning {finetune:.2f} updates/s')


if __name__ == '__main__':
    main()
