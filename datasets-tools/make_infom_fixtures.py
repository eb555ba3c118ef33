"""Parity fixtures for our InFOM agent from the reference JAX code (spec infom.md section 10).

Runs the reference agent (a checkout of github.com/chongyi-zheng/infom, passed with --reference) on
CPU in float32 with the highest matmul precision, and writes every random tensor it draws (replaying
its key splits), the losses and logged metrics, the per-leaf gradients, and the parameters and Adam
moments after one pre-training step, one fine-tuning step with the actor and one without.

Two cases:
  tiny     hidden (32, 32), L = 8, d_s = 5, d_a = 2, B = 4, N = 3, K = 2; weights exported from the
           reference's own initialisation; every array is written in full.
  default  the default sizes (hidden 512 x 4, L = 512, N = 16, K = 10) on walker-sized inputs
           (d_s = 24, d_a = 6) with B = 8. Weights are set by a formula both sides compute
           (formula_parameters below), so the fixture stays small; gradients and updated parameters
           are written as per-leaf L2 norms plus a strided sample of 64 entries.

The reference revision this reproduces draws the critic's prior latents per flow goal ([N, B, L])
and reuses the current noise for the future term; our agent's `latentPerFlowGoal` and
`futureNoiseEqualsCurrent` flags select that behaviour for the test.

Usage (Python 3.11 venv with jax, flax, optax, distrax, ml_collections):
  python datasets-tools/make_infom_fixtures.py --reference PATH/TO/infom --out Tests/AgentsTests/Fixtures/infom_parity.npz
"""
import argparse
import sys

import numpy as np

SAMPLES = 64


def flatten(tree, prefix=''):
    out = {}
    for key, value in tree.items():
        name = f'{prefix}/{key}' if prefix else key
        if isinstance(value, dict) or hasattr(value, 'items'):
            out.update(flatten(value, name))
        else:
            out[name] = np.asarray(value, dtype=np.float32)
    return out


def our_name(name):
    """modules_critic_vf/vector_field_net/Dense_0/kernel -> critic_vf/vector_field_net/Dense_0/kernel."""
    assert name.startswith('modules_'), name
    return name[len('modules_'):]


def formula_parameters(names_shapes):
    """Deterministic pseudo-random weights: for the k-th leaf in sorted name order and entry i,
    u = 2 frac(43758.5453 sin(12.9898 i + 78.233 k)) - 1 in [-1, 1); kernels get
    sqrt(6 / (fan_in + fan_out)) u (Glorot's range), biases 0.01 u, layer-norm scales 1 + 0.1 u,
    layer-norm biases 0.05 u."""
    out = {}
    for k, name in enumerate(sorted(names_shapes)):
        shape = names_shapes[name]
        i = np.arange(int(np.prod(shape)), dtype=np.float64)
        hashed = 43758.5453 * np.sin(12.9898 * i + 78.233 * k)
        wave = 2 * (hashed - np.floor(hashed)) - 1
        leaf = name.split('/')[-1]
        if leaf == 'kernel':
            fan_in, fan_out = shape[-2], shape[-1]
            values = np.sqrt(6.0 / (fan_in + fan_out)) * wave
        elif leaf == 'scale':
            values = 1 + 0.1 * wave
        elif 'LayerNorm' in name:
            values = 0.05 * wave
        else:
            values = 0.01 * wave
        out[name] = values.reshape(shape).astype(np.float32)
    return out


def unflatten(flat):
    tree = {}
    for name, value in flat.items():
        node = tree
        parts = name.split('/')
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def random_transitions(rng, batch_size, ds, da):
    """A batch of standard-normal observations and rewards and uniform actions in (-0.99, 0.99),
    drawn from numpy Generator `rng` in this order."""
    return dict(
        observations=rng.normal(size=(batch_size, ds)).astype(np.float32),
        actions=rng.uniform(-0.99, 0.99, size=(batch_size, da)).astype(np.float32),
        next_observations=rng.normal(size=(batch_size, ds)).astype(np.float32),
        next_actions=rng.uniform(-0.99, 0.99, size=(batch_size, da)).astype(np.float32),
        rewards=rng.normal(size=(batch_size,)).astype(np.float32),
    )


def reference_arguments(add_arguments=None):
    """Parses --reference (a checkout of chongyi-zheng/infom, put on the import path), --out and
    whatever `add_arguments(parser)` adds, and sets JAX to CPU with the highest matmul precision:
    the setting of every parity fixture."""
    parser = argparse.ArgumentParser()
    parser.add_argument('--reference', required=True, help='checkout of chongyi-zheng/infom')
    parser.add_argument('--out', required=True)
    if add_arguments is not None:
        add_arguments(parser)
    args = parser.parse_args()
    sys.path.insert(0, args.reference)
    import jax
    jax.config.update('jax_platform_name', 'cpu')
    jax.config.update('jax_default_matmul_precision', 'highest')
    return args


class StepRecorder:
    """Writes one case's arrays into `arrays` under `case/`: whole leaves when `full`, otherwise each
    leaf's L2 norm and SAMPLES strided entries; `record` writes a step's loss, metrics, gradients,
    parameters after the step and Adam state. Shared by the agents' fixture generators."""

    def __init__(self, arrays, case, full):
        self.arrays, self.case, self.full = arrays, case, full

    def put(self, name, value):
        self.arrays[f'{self.case}/{name}'] = np.asarray(value, dtype=np.float32)

    def put_tree(self, prefix, tree):
        for name, value in flatten(tree).items():
            if self.full:
                self.put(f'{prefix}/{our_name(name)}', value)
            else:
                flat = value.reshape(-1)
                stride = max(1, flat.size // SAMPLES)
                self.put(f'{prefix}/{our_name(name)}/norm', np.linalg.norm(flat.astype(np.float64)))
                self.put(f'{prefix}/{our_name(name)}/sample', flat[::stride][:SAMPLES])

    def record(self, prefix, agent_before, agent_after, info, loss_fn):
        import jax
        grads = jax.grad(lambda p: loss_fn(p)[0])(agent_before.network.params)
        self.put(f'{prefix}/loss', loss_fn(agent_before.network.params)[0])
        for key, value in info.items():
            self.put(f'{prefix}/info/{key}', value)
        self.put_tree(f'{prefix}/grad', grads)
        self.put_tree(f'{prefix}/param', agent_after.network.params)
        adam = agent_after.network.opt_state[0]
        self.put(f'{prefix}/adam_count', np.asarray(adam.count, dtype=np.float32))
        self.put_tree(f'{prefix}/adam_m', adam.mu)
        self.put_tree(f'{prefix}/adam_v', adam.nu)


def main():
    args = reference_arguments()
    import jax
    import jax.numpy as jnp
    from agents.infom import InFOMAgent, get_config

    arrays = {}

    def run_case(case, hidden, latent, ds, da, batch_size, goals, steps, full, formula):
        config = get_config()
        config.update(dict(
            value_hidden_dims=hidden, actor_hidden_dims=hidden, reward_hidden_dims=hidden,
            intention_encoder_hidden_dims=hidden, latent_dim=latent, num_flow_goals=goals,
            num_flow_steps=steps, value_layer_norm=False, kl_weight=0.05, alpha=3.0, expectile=0.9))
        rng = np.random.default_rng(7)
        batch = random_transitions(rng, batch_size, ds, da)
        low = np.full(ds, -0.8, np.float32)
        high = np.full(ds, 0.9, np.float32)
        low[1], high[1] = 0.3, 0.3  # a constant dimension: jnp.clip returns the upper bound
        low[2], high[2] = -3.0, 3.0  # a dimension where the clip is rarely active
        batch['observation_min'] = low
        batch['observation_max'] = high
        agent = InFOMAgent.create(0, batch['observations'], batch['actions'], config)
        if formula:
            shapes = {name: value.shape for name, value in flatten(agent.network.params).items()}
            params = unflatten(formula_parameters(shapes))
            params['modules_target_critic_vf'] = params['modules_critic_vf']
            network = agent.network.replace(params=params, opt_state=agent.network.tx.init(params))
            agent = agent.replace(network=network)

        recorder = StepRecorder(arrays, case, full)
        put, put_tree = recorder.put, recorder.put_tree

        for name, value in batch.items():
            put(f'batch/{name}', value)
        if full:
            put_tree('param/initial', agent.network.params)

        def flow_noise(flow_rng, observations_shape):
            flow_rng, latent_rng = jax.random.split(flow_rng)
            latent_noise = jax.random.normal(latent_rng, (batch_size, latent))
            _, time_rng, current_rng, _ = jax.random.split(flow_rng, 4)
            times = jax.random.uniform(time_rng, (batch_size,))
            current = jax.random.normal(current_rng, observations_shape)
            return latent_noise, times, current

        record = recorder.record

        # Pre-training step.
        _, key = jax.random.split(agent.rng)
        _, flow_rng = jax.random.split(key)
        latent_noise, times, current = flow_noise(flow_rng, (batch_size, ds))
        put('pretrain/noise/latent', latent_noise)
        put('pretrain/noise/times', times)
        put('pretrain/noise/current', current)
        pretrained, info = agent.pretrain(batch)
        record('pretrain', agent, pretrained, info,
               lambda p: agent.pretraining_loss(batch, p, rng=key))

        # The switch, then fine-tuning steps with and without the actor from the pre-trained state.
        pretrained.target_reset()
        for tag, full_update in (('finetune_actor', True), ('finetune', False)):
            _, key = jax.random.split(pretrained.rng)
            _, critic_rng, flow_rng, _ = jax.random.split(key, 4)
            _, noise_rng, latent_rng = jax.random.split(critic_rng, 3)
            put(f'{tag}/noise/goal', jax.random.normal(noise_rng, (goals, batch_size, ds)))
            put(f'{tag}/noise/prior', jax.random.normal(latent_rng, (goals, batch_size, latent)))
            latent_noise, times, current = flow_noise(flow_rng, (batch_size, ds))
            put(f'{tag}/noise/latent', latent_noise)
            put(f'{tag}/noise/times', times)
            put(f'{tag}/noise/current', current)
            finetuned, info = pretrained.finetune(batch, full_update=full_update)
            record(tag, pretrained, finetuned, info,
                   lambda p, f=full_update, k=key: pretrained.finetuning_loss(batch, p, full_update=f, rng=k))

    run_case('tiny', (32, 32), 8, 5, 2, 4, 3, 2, full=True, formula=False)
    run_case('default', (512, 512, 512, 512), 512, 24, 6, 8, 16, 10, full=False, formula=True)
    np.savez(args.out, **arrays)
    print(f'wrote {len(arrays)} arrays to {args.out}')


if __name__ == '__main__':
    main()
