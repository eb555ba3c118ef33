"""Times a reference JAX agent on CPU, to set beside `infom bench train --agent NAME` (and, for
InFOM, `infom bench infom`).

Same shapes as our benchmarks: walker-sized inputs (d_s = 24, d_a = 6), batch 256, the agent's
default networks (`--preset small`: 256 x 2) with walker's values where the reference README
gives them (InFOM: latent 512, kl_weight 0.1, alpha 0.3, no value layer norm; IQL alpha 1;
ReBRAC 0.1 / 0.1; CRL 0.03 and TD InfoNCE 0.003, whose batches carry value and actor goals; FB 1 / 1 and HILP 1, with the
fine-tuning batch's latents set from the inferred task latent; DINO with its 'mlp' state encoder, 256 x 2 under
--preset small as ours), fine-tuning with the actor on every 4th update. Reports updates/s after three
warm-up updates (jit compilation excluded). With --pixels (InFOM, CRL + IS, FB + IQL, DINO + ReBRAC, the agents
the reference trains on images) every network reads random 64 x 64 images of 3 stacked frames through
`impala_small` (its embedding 256 wide and batch 64 under --preset small, as ours), goals and DINO's two
views images too, to set beside `infom bench train --env visual-cube-single-singletask-task1-v0`.

Usage: python datasets-tools/bench_agent_reference.py --reference PATH/TO/infom
           [--agent infom|iql|rebrac|mbpo-rebrac|crl-is|td-infonce-is|fb-iql|hilp-iql|dino-rebrac] [--preset paper|small]
           [--pixels] [--iterations 8] [--json]
"""
import argparse
import importlib
import json
import sys
import time

import numpy as np

AGENTS = {
    'infom': ('agents.infom', 'InFOMAgent', dict(value_layer_norm=False, latent_dim=512, kl_weight=0.1, alpha=0.3)),
    'iql': ('agents.iql', 'IQLAgent', dict(alpha=1.0)),
    'rebrac': ('agents.rebrac', 'ReBRACAgent', dict(alpha_actor=0.1, alpha_critic=0.1)),
    'mbpo-rebrac': ('agents.mbpo_rebrac', 'MBPOReBRACAgent', dict()),
    'crl-is': ('agents.crl_infonce', 'CRLInfoNCEAgent', dict(alpha=0.03)),
    'td-infonce-is': ('agents.td_infonce', 'TDInfoNCEAgent', dict(alpha=0.003)),
    'fb-iql': ('agents.fb_repr', 'ForwardBackwardRepresentationAgent', dict(alpha_repr=1.0, alpha_awr=1.0)),
    'hilp-iql': ('agents.hilp', 'HILPAgent', dict(alpha=1.0)),
    'dino-rebrac': ('agents.dino_rebrac', 'DINOReBRACAgent', dict(encoder='mlp', repr_temp=0.1)),
}
HIDDEN_KEYS = ('actor_hidden_dims', 'value_hidden_dims', 'reward_hidden_dims', 'intention_encoder_hidden_dims',
               'transition_hidden_dims', 'forward_repr_hidden_dims',
               'backward_repr_hidden_dims')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--reference', required=True)
    parser.add_argument('--agent', choices=sorted(AGENTS), default='infom')
    parser.add_argument('--preset', choices=('paper', 'small'), default='paper')
    parser.add_argument('--pixels', action='store_true', help='64 x 64 images through impala_small encoders')
    parser.add_argument('--iterations', type=int, default=8)
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args()
    sys.path.insert(0, args.reference)
    import jax
    jax.config.update('jax_platform_name', 'cpu')
    module_name, class_name, values = AGENTS[args.agent]
    module = importlib.import_module(module_name)

    config = module.get_config()
    config.update(values)
    if args.preset == 'small':
        config.update({key: (256, 256) for key in HIDDEN_KEYS if key in config})
        if args.agent == 'infom':
            config.update(dict(latent_dim=64, num_flow_goals=8))
        if args.agent in ('crl-is', 'td-infonce-is', 'fb-iql', 'hilp-iql'):
            config.update(dict(latent_dim=64))
        if args.agent == 'dino-rebrac':
            import functools
            from utils import encoders, networks
            encoders.encoder_modules['mlp'] = functools.partial(networks.MLP, hidden_dims=(256, 256), layer_norm=True)
    rng = np.random.default_rng(0)
    b, ds, da = 256, 24, 6
    shape = (ds,)
    if args.pixels:
        if args.agent not in ('infom', 'crl-is', 'fb-iql', 'dino-rebrac'):
            sys.exit(f'bench_agent_reference: the reference trains {args.agent} on states only')
        import functools
        from utils import encoders
        encoders.encoder_modules['impala_small'] = functools.partial(
            encoders.ImpalaEncoder, num_blocks=1, mlp_hidden_dims=(256,) if args.preset == 'small' else (512,))
        config.update(dict(encoder='impala_small'))
        if args.agent == 'infom':
            config.update(dict(clip_flow_goals=False))  # flow goals are embeddings on images (spec section 11)
        b, da, shape = (64 if args.preset == 'small' else 256), 5, (64, 64, 9)

    def states():
        if args.pixels:
            return rng.integers(0, 256, size=(b,) + shape).astype(np.float32)
        return rng.normal(size=(b,) + shape).astype(np.float32)

    batch = dict(
        observations=states(),
        actions=rng.uniform(-0.99, 0.99, size=(b, da)).astype(np.float32),
        next_observations=states(),
        next_actions=rng.uniform(-0.99, 0.99, size=(b, da)).astype(np.float32),
        rewards=rng.normal(size=(b,)).astype(np.float32),
        masks=np.ones(b, np.float32),
        observation_min=np.full(shape, -3, np.float32),
        observation_max=np.full(shape, 3, np.float32),
        value_goals=states(),
        actor_goals=states(),
        relabeled_rewards=-np.ones(b, np.float32),
        relabeled_masks=np.ones(b, np.float32),
    )
    if args.pixels and args.agent == 'dino-rebrac':
        batch['aug1_observations'], batch['aug2_observations'] = states(), states()
    if args.agent in ('fb-iql', 'hilp-iql'):
        config.update(dict(batch_size=b))
    agent = getattr(module, class_name).create(0, batch['observations'], batch['actions'], config)

    def timed(update):
        # Three warm-up updates: some agents' first updates retrace (DINO's returned parameters
        # change weak types and, on fine-tuning actor steps, the centre's shape), so one warm-up
        # would leave compilations inside the timed window.
        nonlocal agent
        for i in range(3):
            agent, info = update(agent, -i)
        jax.block_until_ready(info)
        start = time.perf_counter()
        for i in range(args.iterations):
            agent, info = update(agent, i + 1)
        jax.block_until_ready(info)
        return args.iterations / (time.perf_counter() - start)

    pretrain = timed(lambda a, i: a.pretrain(batch))
    if hasattr(agent, 'target_reset'):
        agent.target_reset()
    if hasattr(agent, 'infer_latent'):
        batch['latents'] = np.tile(np.asarray(agent.infer_latent(batch)), (b, 1))
    for full_update in (True, False):  # compile both variants before timing
        agent, info = agent.finetune(batch, full_update=full_update)
        jax.block_until_ready(info)
    finetune = timed(lambda a, i: a.finetune(batch, full_update=(i % 4 == 0)))
    report = dict(agent=args.agent, preset=args.preset, pixels=args.pixels, pretrain_updates_per_s=pretrain,
                  finetune_updates_per_s=finetune, batch=b, jax=jax.__version__, devices=str(jax.devices()))
    print(json.dumps(report) if args.json else
          f'reference JAX {args.agent} ({args.preset}) on CPU: pre-training {pretrain:.2f} updates/s, '
          f'fine-tuning {finetune:.2f} updates/s')


if __name__ == '__main__':
    main()
