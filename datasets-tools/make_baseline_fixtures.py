"""Parity fixtures for our IQL, ReBRAC, MBPO+ReBRAC, CRL+IS, TD InfoNCE+IS and FB+IQL agents from the reference JAX code
(spec infom.md section 8).

Runs the reference agents (a checkout of github.com/chongyi-zheng/infom, passed with --reference) on
CPU in float32 with the highest matmul precision, and writes every random tensor they draw
(replaying their key splits: the target-policy smoothing noise of ReBRAC and MBPO+ReBRAC), the losses and logged
metrics, the per-leaf gradients, and the parameters and Adam moments after one pre-training step,
then one fine-tuning step with the actor and one without, both from the pre-trained state.

Two cases per agent, as for InFOM (make_infom_fixtures.py, whose helpers this reuses):
  tiny     hidden (32, 32), d_s = 5, d_a = 2, B = 4; the reference's own initial weights, every
           array written in full.
  default  the default sizes (hidden 512 x 4) on walker-sized inputs (d_s = 24, d_a = 6) with B = 8;
           weights from formula_parameters; leaves written as L2 norms and 64 strided entries.

Coefficients: IQL with the README's alpha = 1 and expectile 0.9; ReBRAC and MBPO+ReBRAC with
alpha_actor = alpha_critic = 0.1 (the README's locomotion values); discount 0.99, tau 0.005.
CRL+IS and TD InfoNCE+IS with the README's locomotion alpha (0.03 and 0.003), their latent 8 (tiny) or the
default 512, and batches with standard-normal value and actor goals (the goal sampler is tested on its own);
TD InfoNCE's target critic is reset to the critic before fine-tuning, as the reference's main.py does.
FB+IQL with the README's locomotion alpha_repr = alpha_awr = 1, latent 8 or 512, its pre-training latent draws
(Gaussian, permutation, mix) replayed from its key splits, and its task latent inferred from 3 batches of random
labelled states (main.py uses 10,000 samples); its target critic keeps its own initialisation, as in create().
HILP+IQL with alpha 1, latent 8 or 512, batches with value goals and goal-reaching rewards and masks (a quarter
reached), its skill draws replayed, its target skill critic reset at the switch, and its task latent the
least-squares fit on 3 batches of random labelled transitions.
DINO+ReBRAC with encoder='mlp' (the only state encoder its representation loss accepts; 32 x 2 at the tiny
size, 512 x 4 as the reference's at the default), repr_temp 0.1 and its penalties of 0, the views' noises replayed;
its teacher centre is not compared (our port keeps none: it is zero throughout pre-training, see DINOEncoder).
Pixels, a third case for the agents the reference's README trains on images (CRL+IS, FB+IQL and DINO+ReBRAC,
--agents pixel agents only get it): 8 x 8 images of 3 stacked frames (9 channels, values 0-255 as float32), d_a = 2,
B = 4, hidden (32, 32), every network's encoder an IMPALA encoder of stacks (4, 4, 4), one block and an 8-wide
embedding ('impala_tiny', registered here); goals are images too, and DINO's two views (aug1/aug2_observations,
which its loss reads on images) are random edge-padded crops of the observations, given in the batch.
MBPO+ReBRAC's batch has no imagined transitions (as in the reference's runs, whose model buffer
never exceeds the batch size), so its critic and actor see the real batch; its transition and
reward models use the same widths as the other networks.

Usage (Python 3.11 venv with jax, flax, optax, distrax, ml_collections):
  python datasets-tools/make_baseline_fixtures.py --reference PATH/TO/infom --out Tests/AgentsTests/Fixtures/baselines
      [--agents fb_repr,...] [--cases pixels]
  writes one compressed file per agent, OUT/AGENT.npz (keys CASE/...); --agents regenerates only those, --cases only
  those cases of each, keeping the file's other cases as they are (XLA's rounding differs slightly between machines,
  so regenerating a case moves its values by up to about 1e-3 relative; the committed state cases come from an
  earlier run of this script, the pixel cases from `--cases pixels`).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_infom_fixtures import (StepRecorder, flatten, formula_parameters, random_transitions,  # noqa: E402
                                 reference_arguments, unflatten)


AGENTS = ('iql', 'rebrac', 'mbpo_rebrac', 'crl_infonce', 'td_infonce', 'fb_repr', 'hilp', 'dino_rebrac')
PIXEL_AGENTS = ('crl_infonce', 'fb_repr', 'dino_rebrac')
IMAGE_SHAPE = (8, 8, 9)


def random_images(rng, count):
    """`count` stacked images of IMAGE_SHAPE with uniform integer values 0-255, as float32."""
    return rng.integers(0, 256, size=(count,) + IMAGE_SHAPE).astype(np.float32)


def crops(rng, images, padding=3):
    """Edge-padded random crops, one window per image (the reference's `augment`)."""
    out = np.empty_like(images)
    height, width = images.shape[1:3]
    for i, image in enumerate(images):
        dy, dx = rng.integers(0, 2 * padding + 1, size=2)
        padded = np.pad(image, ((padding, padding), (padding, padding), (0, 0)), mode='edge')
        out[i] = padded[dy:dy + height, dx:dx + width]
    return out


def flatten_names(tree):
    return {name.split('/')[0] for name in flatten(tree)}


def main():
    def add_arguments(parser):
        parser.add_argument('--agents', default=','.join(AGENTS), help='comma-separated subset of the agents to (re)write')
        parser.add_argument('--cases', default='tiny,default,pixels',
                            help='comma-separated subset of the cases to (re)write; the file keeps its other cases')

    args = reference_arguments(add_arguments)
    import jax
    import jax.numpy as jnp
    import functools
    from agents import crl_infonce, dino_rebrac, fb_repr, hilp, iql, mbpo_rebrac, rebrac, td_infonce
    from utils import encoders, networks

    selected = args.agents.split(',')
    assert all(name in AGENTS for name in selected), f'--agents takes names from {AGENTS}'
    os.makedirs(args.out, exist_ok=True)
    arrays = {}
    contrastive = ('crl_infonce', 'td_infonce')

    encoders.encoder_modules['impala_tiny'] = functools.partial(
        encoders.ImpalaEncoder, num_blocks=1, stack_sizes=(4, 4, 4), mlp_hidden_dims=(8,))

    def run_case(agent_name, case, hidden, ds, da, batch_size, full, formula, pixels=False):
        module = {'iql': iql, 'rebrac': rebrac, 'mbpo_rebrac': mbpo_rebrac, 'crl_infonce': crl_infonce,
                  'td_infonce': td_infonce, 'fb_repr': fb_repr, 'hilp': hilp, 'dino_rebrac': dino_rebrac}[agent_name]
        agent_class = {'iql': iql.IQLAgent, 'rebrac': rebrac.ReBRACAgent, 'mbpo_rebrac': mbpo_rebrac.MBPOReBRACAgent,
                       'crl_infonce': crl_infonce.CRLInfoNCEAgent, 'td_infonce': td_infonce.TDInfoNCEAgent,
                       'fb_repr': fb_repr.ForwardBackwardRepresentationAgent, 'hilp': hilp.HILPAgent,
                       'dino_rebrac': dino_rebrac.DINOReBRACAgent}[agent_name]
        config = module.get_config()
        config.update(dict(value_hidden_dims=hidden, actor_hidden_dims=hidden))
        if agent_name == 'fb_repr':
            config.update(dict(forward_repr_hidden_dims=hidden, backward_repr_hidden_dims=hidden, latent_dim=8 if full else 512,
                               alpha_repr=1.0, alpha_awr=1.0, batch_size=batch_size))
        if agent_name == 'mbpo_rebrac':
            config.update(dict(transition_hidden_dims=hidden, reward_hidden_dims=hidden))
        if agent_name == 'iql':
            config.update(dict(alpha=1.0, expectile=0.9))
        elif agent_name in contrastive:
            config.update(dict(reward_hidden_dims=hidden, latent_dim=8 if full else 512,
                               alpha=0.03 if agent_name == 'crl_infonce' else 0.003))
        elif agent_name == 'hilp':
            config.update(dict(latent_dim=8 if full else 512, alpha=1.0))
        elif agent_name == 'dino_rebrac' and pixels:
            config.update(dict(encoder='impala_tiny', repr_temp=0.1))
        elif agent_name == 'dino_rebrac':
            # The state encoder ('mlp', 512 x 4 with layer norm); 32 x 2 at the tiny size.
            config.update(dict(encoder='mlp', repr_temp=0.1))
            encoders.encoder_modules['mlp'] = functools.partial(
                networks.MLP, hidden_dims=(32, 32) if full else (512, 512, 512, 512), layer_norm=True)
        elif agent_name != 'fb_repr':
            config.update(dict(alpha_actor=0.1, alpha_critic=0.1))
        if pixels:
            config['encoder'] = 'impala_tiny'
        rng = np.random.default_rng(11)
        batch = random_transitions(rng, batch_size, ds, da)
        batch['masks'] = (rng.uniform(size=(batch_size,)) > 0.25).astype(np.float32)
        if pixels:
            batch['observations'] = random_images(rng, batch_size)
            batch['next_observations'] = random_images(rng, batch_size)
        if agent_name in contrastive + ('hilp',):
            batch['value_goals'] = random_images(rng, batch_size) if pixels else rng.normal(size=(batch_size, ds)).astype(np.float32)
            batch['actor_goals'] = random_images(rng, batch_size) if pixels else rng.normal(size=(batch_size, ds)).astype(np.float32)
        if pixels and agent_name == 'dino_rebrac':
            batch['aug1_observations'] = crops(rng, batch['observations'])
            batch['aug2_observations'] = crops(rng, batch['observations'])
        if agent_name == 'hilp':
            reached = (rng.uniform(size=(batch_size,)) < 0.25).astype(np.float32)
            batch['relabeled_rewards'] = reached - 1
            batch['relabeled_masks'] = 1 - reached
        agent = agent_class.create(0, batch['observations'], batch['actions'], config)
        # FB's target critic has its own initialisation; every other target starts as its network.
        independent = ('modules_target_critic',) if agent_name == 'fb_repr' else ()
        if formula:
            shapes = {name: value.shape for name, value in flatten(agent.network.params).items()
                      if not name.startswith('modules_target_') or name.startswith(independent)}
            params = unflatten(formula_parameters(shapes))
            for module_name, value in agent.network.params.items():
                params.setdefault(module_name, value)  # DINO's centre keeps its initial zeros
            for module_name in list(params):
                target = 'modules_target_' + module_name[len('modules_'):]
                if target in flatten_names(agent.network.params) and target not in independent:
                    params[target] = params[module_name]
            network = agent.network.replace(params=params, opt_state=agent.network.tx.init(params))
            agent = agent.replace(network=network)

        recorder = StepRecorder(arrays, case, full)
        put, put_tree = recorder.put, recorder.put_tree

        def put_leaf(name, value):
            """One of our parameters the reference keeps outside its tree (FB's task latent)."""
            put_tree(name.rsplit('/', 1)[0], {'modules_' + name.rsplit('/', 1)[1]: value})

        for name, value in batch.items():
            put(f'batch/{name}', value)
        if full:
            put_tree('param/initial', agent.network.params)

        record = recorder.record

        _, key = jax.random.split(agent.rng)
        if agent_name == 'fb_repr':
            # pretraining_loss: (rng, latent_rng, fb_repr_rng, actor_rng) = split(rng, 4);
            # sample_latents: (latent_rng, perm_rng, mix_rng) = split(latent_rng, 3).
            _, latent_rng, _, _ = jax.random.split(key, 4)
            gaussian_rng, perm_rng, mix_rng = jax.random.split(latent_rng, 3)
            put('pretrain/noise/gaussian', jax.random.normal(gaussian_rng, (batch_size, config['latent_dim'])))
            put('pretrain/noise/permutation', jax.random.permutation(perm_rng, jnp.arange(batch_size)))
            put('pretrain/noise/mix', jax.random.uniform(mix_rng, (batch_size, 1)))
        if agent_name == 'hilp':
            # pretraining_loss: (rng, latent_rng) = split(rng); sample_latents draws normal(latent_rng, (B, d)).
            _, latent_rng = jax.random.split(key)
            put('pretrain/noise/skills', jax.random.normal(latent_rng, (batch_size, config['latent_dim'])))
        if agent_name in ('fb_repr', 'hilp'):
            put_leaf('pretrain/param/task_latent', np.zeros(config['latent_dim'], np.float32))
            put_leaf('pretrain/grad/task_latent', np.zeros(config['latent_dim'], np.float32))
        pretrained, info = agent.pretrain(batch)
        record('pretrain', agent, pretrained, info, lambda p: agent.pretraining_loss(batch, p, rng=key))

        if agent_name == 'dino_rebrac' and not pixels:
            # pretrain: (new_rng, rng) = split; representation_loss: (rng, noise_rng1, noise_rng2) = split(rng, 3).
            _, view_rng1, view_rng2 = jax.random.split(key, 3)
            for k, view_rng in ((1, view_rng1), (2, view_rng2)):
                noise = jax.random.normal(view_rng, (batch_size, ds)) * config['repr_noise']
                put(f'pretrain/noise/view{k}', np.clip(noise, -config['repr_noise_clip'], config['repr_noise_clip']))
        if agent_name in ('td_infonce', 'hilp', 'dino_rebrac'):
            pretrained.target_reset()
        if agent_name in ('fb_repr', 'hilp'):
            # main.py infers the latent from reward-labelled samples at the switch; here 3 batches' worth
            # (HILP's least squares then has more rows than its latent has entries at the tiny size only).
            states = (lambda: random_images(rng, 3 * batch_size)) if pixels else (
                lambda: rng.normal(size=(3 * batch_size, ds)).astype(np.float32))
            inference = dict(observations=states(), next_observations=states(),
                             rewards=rng.normal(size=(3 * batch_size,)).astype(np.float32))
            latent = np.asarray(pretrained.infer_latent(inference))
            for name, value in inference.items():
                put(f'infer/{name}', value)
            put('infer/latent', latent)
            batch['latents'] = np.tile(latent, (batch_size, 1))
        for tag, full_update in (('finetune_actor', True), ('finetune', False)):
            _, key = jax.random.split(pretrained.rng)
            if agent_name in ('rebrac', 'mbpo_rebrac', 'dino_rebrac'):
                # finetune: (new_rng, rng) = split; finetuning_loss: (rng, actor_rng, critic_rng) = split(rng, 3);
                # critic_loss: (rng, sample_rng) = split(critic_rng); noise = clip(N·σ, ±c).
                _, _, critic_rng = jax.random.split(key, 3)
                _, sample_rng = jax.random.split(critic_rng)
                noise = jax.random.normal(sample_rng, (batch_size, da)) * config['actor_noise']
                put(f'{tag}/noise/smoothing', np.clip(noise, -config['actor_noise_clip'], config['actor_noise_clip']))
            if agent_name in ('fb_repr', 'hilp'):
                put_leaf(f'{tag}/param/task_latent', latent)
                put_leaf(f'{tag}/grad/task_latent', np.zeros_like(latent))
            finetuned, info = pretrained.finetune(batch, full_update=full_update)
            record(tag, pretrained, finetuned, info,
                   lambda p, f=full_update, k=key: pretrained.finetuning_loss(batch, p, full_update=f, rng=k))

    cases = args.cases.split(',')
    assert all(case in ('tiny', 'default', 'pixels') for case in cases), '--cases takes tiny, default and pixels'
    for agent_name in selected:
        path = os.path.join(args.out, f'{agent_name}.npz')
        if os.path.exists(path):
            with np.load(path) as kept:
                arrays.update({name: kept[name] for name in kept.files if name.split('/')[0] not in cases})
        if 'tiny' in cases:
            run_case(agent_name, 'tiny', (32, 32), 5, 2, 4, full=True, formula=False)
        if 'default' in cases:
            run_case(agent_name, 'default', (512, 512, 512, 512), 24, 6, 8, full=False, formula=True)
        if agent_name in PIXEL_AGENTS and 'pixels' in cases:
            run_case(agent_name, 'pixels', (32, 32), int(np.prod(IMAGE_SHAPE)), 2, 4, full=True, formula=False, pixels=True)
        np.savez_compressed(path, **arrays)
        print(f'wrote {len(arrays)} arrays to {path}')
        arrays.clear()


if __name__ == '__main__':
    main()
