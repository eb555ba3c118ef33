"""Parity fixtures for our IQL, ReBRAC, MBPO+ReBRAC, CRL+IS and TD InfoNCE+IS agents from the reference JAX code
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
MBPO+ReBRAC's batch has no imagined transitions (as in the reference's runs, whose model buffer
never exceeds the batch size), so its critic and actor see the real batch; its transition and
reward models use the same widths as the other networks.

Usage (Python 3.11 venv with jax, flax, optax, distrax, ml_collections):
  python datasets-tools/make_baseline_fixtures.py --reference PATH/TO/infom --out Tests/AgentsTests/Fixtures/baseline_parity.npz
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_infom_fixtures import (StepRecorder, flatten, formula_parameters, random_transitions,  # noqa: E402
                                 reference_arguments, unflatten)


def main():
    args = reference_arguments()
    import jax
    from agents import crl_infonce, iql, mbpo_rebrac, rebrac, td_infonce

    arrays = {}
    contrastive = ('crl_infonce', 'td_infonce')

    def run_case(agent_name, case, hidden, ds, da, batch_size, full, formula):
        module = {'iql': iql, 'rebrac': rebrac, 'mbpo_rebrac': mbpo_rebrac, 'crl_infonce': crl_infonce,
                  'td_infonce': td_infonce}[agent_name]
        agent_class = {'iql': iql.IQLAgent, 'rebrac': rebrac.ReBRACAgent, 'mbpo_rebrac': mbpo_rebrac.MBPOReBRACAgent,
                       'crl_infonce': crl_infonce.CRLInfoNCEAgent, 'td_infonce': td_infonce.TDInfoNCEAgent}[agent_name]
        config = module.get_config()
        config.update(dict(value_hidden_dims=hidden, actor_hidden_dims=hidden))
        if agent_name == 'mbpo_rebrac':
            config.update(dict(transition_hidden_dims=hidden, reward_hidden_dims=hidden))
        if agent_name == 'iql':
            config.update(dict(alpha=1.0, expectile=0.9))
        elif agent_name in contrastive:
            config.update(dict(reward_hidden_dims=hidden, latent_dim=8 if full else 512,
                               alpha=0.03 if agent_name == 'crl_infonce' else 0.003))
        else:
            config.update(dict(alpha_actor=0.1, alpha_critic=0.1))
        rng = np.random.default_rng(11)
        batch = random_transitions(rng, batch_size, ds, da)
        batch['masks'] = (rng.uniform(size=(batch_size,)) > 0.25).astype(np.float32)
        if agent_name in contrastive:
            batch['value_goals'] = rng.normal(size=(batch_size, ds)).astype(np.float32)
            batch['actor_goals'] = rng.normal(size=(batch_size, ds)).astype(np.float32)
        agent = agent_class.create(0, batch['observations'], batch['actions'], config)
        if formula:
            shapes = {name: value.shape for name, value in flatten(agent.network.params).items()
                      if not name.startswith('modules_target_')}
            params = unflatten(formula_parameters(shapes))
            if agent_name != 'crl_infonce':
                params['modules_target_critic'] = params['modules_critic']
            if agent_name in ('rebrac', 'mbpo_rebrac'):
                params['modules_target_actor'] = params['modules_actor']
            network = agent.network.replace(params=params, opt_state=agent.network.tx.init(params))
            agent = agent.replace(network=network)

        recorder = StepRecorder(arrays, f'{agent_name}/{case}', full)
        put, put_tree = recorder.put, recorder.put_tree

        for name, value in batch.items():
            put(f'batch/{name}', value)
        if full:
            put_tree('param/initial', agent.network.params)

        record = recorder.record

        _, key = jax.random.split(agent.rng)
        pretrained, info = agent.pretrain(batch)
        record('pretrain', agent, pretrained, info, lambda p: agent.pretraining_loss(batch, p, rng=key))

        if agent_name == 'td_infonce':
            pretrained.target_reset()
        for tag, full_update in (('finetune_actor', True), ('finetune', False)):
            _, key = jax.random.split(pretrained.rng)
            if agent_name in ('rebrac', 'mbpo_rebrac'):
                # finetune: (new_rng, rng) = split; finetuning_loss: (rng, actor_rng, critic_rng) = split(rng, 3);
                # critic_loss: (rng, sample_rng) = split(critic_rng); noise = clip(N·σ, ±c).
                _, _, critic_rng = jax.random.split(key, 3)
                _, sample_rng = jax.random.split(critic_rng)
                noise = jax.random.normal(sample_rng, (batch_size, da)) * config['actor_noise']
                put(f'{tag}/noise/smoothing', np.clip(noise, -config['actor_noise_clip'], config['actor_noise_clip']))
            finetuned, info = pretrained.finetune(batch, full_update=full_update)
            record(tag, pretrained, finetuned, info,
                   lambda p, f=full_update, k=key: pretrained.finetuning_loss(batch, p, full_update=f, rng=k))

    for agent_name in ('iql', 'rebrac', 'mbpo_rebrac') + contrastive:
        run_case(agent_name, 'tiny', (32, 32), 5, 2, 4, full=True, formula=False)
        run_case(agent_name, 'default', (512, 512, 512, 512), 24, 6, 8, full=False, formula=True)
    np.savez(args.out, **arrays)
    print(f'wrote {len(arrays)} arrays to {args.out}')


if __name__ == '__main__':
    main()
