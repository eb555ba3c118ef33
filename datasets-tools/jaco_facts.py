"""Reads the facts of the reference's Jaco reach environment off dm_control's compiled model, for
authoring our own Jaco domain (issue 24): the options, the kinematic tree with every body's mass and
inertia, joints, velocity actuators, sites, cameras, the contact geometry (for mesh geoms only their
type, frame and bounding box in the geom frame: the meshes themselves are never read out or copied),
the observation and action layout, and reset states for a few seeds (joint positions, the
tool-centre point, the target, the reward).

The environment is the reference's (github.com/chongyi-zheng/infom, custom_dmc_tasks/jaco.py, used in
place): dm_control's composer with the standard arena, the Kinova Jaco arm and three-finger hand of
`dm_control.manipulation.shared.robots` and a fixed target site.

Usage (the dm_control venv, Python 3.10 with numpy<2 mujoco==2.2.2 dm_control==1.0.7):
    /work/venv-dmc/bin/python datasets-tools/jaco_facts.py --reference INFOM_CHECKOUT \\
        --out Tests/SuiteTests/Fixtures/jaco_facts.json --kinematics Tests/SuiteTests/Fixtures/jaco_kinematics.npz
"""
import argparse
import json
import os
import sys

import numpy as np

TASKS = ('reach_top_left', 'reach_top_right', 'reach_bottom_left', 'reach_bottom_right')
GEOM_TYPES = {0: 'plane', 1: 'hfield', 2: 'sphere', 3: 'capsule', 4: 'ellipsoid', 5: 'cylinder', 6: 'box', 7: 'mesh'}
JOINT_TYPES = {0: 'free', 1: 'ball', 2: 'slide', 3: 'hinge'}


def floats(array):
    return [float(x) for x in np.asarray(array).ravel()]


def name(model, kind, index):
    return model.id2name(index, kind) if index >= 0 else None


def mesh_box(model, geom):
    """The bounding box of a mesh geom's vertices in the geom's frame (MuJoCo 2.2.2 stores a mesh's
    vertices in that frame after compiling): centre and half sizes."""
    mesh = model.geom_dataid[geom]
    start, count = model.mesh_vertadr[mesh], model.mesh_vertnum[mesh]
    vertices = model.mesh_vert[start:start + count]
    low, high = vertices.min(0), vertices.max(0)
    return dict(mesh=name(model, 'mesh', mesh), vertices=int(count), box_centre=floats((low + high) / 2),
                box_half=floats((high - low) / 2))


def model_facts(env):
    physics = env.physics
    model = physics.model
    option = model.opt
    facts = dict(
        option=dict(timestep=float(option.timestep), control_timestep=float(env.control_timestep()),
                    integrator=int(option.integrator), cone=int(option.cone), solver=int(option.solver),
                    iterations=int(option.iterations), tolerance=float(option.tolerance),
                    gravity=floats(option.gravity), noslip_iterations=int(option.noslip_iterations),
                    noslip_tolerance=float(option.noslip_tolerance), impratio=float(option.impratio),
                    jacobian=int(option.jacobian), mpr_iterations=int(option.mpr_iterations),
                    disableflags=int(option.disableflags), enableflags=int(option.enableflags),
                    o_margin=float(option.o_margin), timestep_substeps=round(env.control_timestep() / option.timestep)),
        sizes=dict(nq=int(model.nq), nv=int(model.nv), nu=int(model.nu), nbody=int(model.nbody),
                   ngeom=int(model.ngeom), nsite=int(model.nsite), ncam=int(model.ncam),
                   nconmax=int(model.nconmax), njmax=int(model.njmax), nlight=int(model.nlight)))
    facts['bodies'] = [dict(name=name(model, 'body', b), parent=name(model, 'body', int(model.body_parentid[b])),
                            pos=floats(model.body_pos[b]), quat=floats(model.body_quat[b]),
                            mass=float(model.body_mass[b]), inertia=floats(model.body_inertia[b]),
                            ipos=floats(model.body_ipos[b]), iquat=floats(model.body_iquat[b]))
                       for b in range(model.nbody)]
    facts['joints'] = []
    for j in range(model.njnt):
        dof = model.jnt_dofadr[j]
        facts['joints'].append(dict(
            name=name(model, 'joint', j), body=name(model, 'body', int(model.jnt_bodyid[j])),
            type=JOINT_TYPES[int(model.jnt_type[j])], pos=floats(model.jnt_pos[j]), axis=floats(model.jnt_axis[j]),
            limited=bool(model.jnt_limited[j]), range=floats(model.jnt_range[j]), qpos0=float(model.qpos0[model.jnt_qposadr[j]]),
            stiffness=float(model.jnt_stiffness[j]), armature=float(model.dof_armature[dof]),
            damping=float(model.dof_damping[dof]), frictionloss=float(model.dof_frictionloss[dof]),
            solref_limit=floats(model.jnt_solref[j]), solimp_limit=floats(model.jnt_solimp[j])))
    facts['actuators'] = [dict(name=name(model, 'actuator', a), joint=name(model, 'joint', int(model.actuator_trnid[a][0])),
                               gain=floats(model.actuator_gainprm[a][:3]), bias=floats(model.actuator_biasprm[a][:3]),
                               ctrlrange=floats(model.actuator_ctrlrange[a]), forcelimited=bool(model.actuator_forcelimited[a]),
                               forcerange=floats(model.actuator_forcerange[a]), gear=float(model.actuator_gear[a][0]),
                               dyntype=int(model.actuator_dyntype[a]), gaintype=int(model.actuator_gaintype[a]),
                               biastype=int(model.actuator_biastype[a]))
                          for a in range(model.nu)]
    facts['geoms'] = []
    for g in range(model.ngeom):
        geom = dict(name=name(model, 'geom', g), body=name(model, 'body', int(model.geom_bodyid[g])),
                    type=GEOM_TYPES[int(model.geom_type[g])], size=floats(model.geom_size[g]),
                    pos=floats(model.geom_pos[g]), quat=floats(model.geom_quat[g]),
                    contype=int(model.geom_contype[g]), conaffinity=int(model.geom_conaffinity[g]),
                    condim=int(model.geom_condim[g]), friction=floats(model.geom_friction[g]),
                    solref=floats(model.geom_solref[g]), solimp=floats(model.geom_solimp[g]),
                    margin=float(model.geom_margin[g]), group=int(model.geom_group[g]), rgba=floats(model.geom_rgba[g]),
                    rbound=float(model.geom_rbound[g]))
        if geom['type'] == 'mesh':
            geom.update(mesh_box(model, g))
        facts['geoms'].append(geom)
    facts['sites'] = [dict(name=name(model, 'site', s), body=name(model, 'body', int(model.site_bodyid[s])),
                           pos=floats(model.site_pos[s]), quat=floats(model.site_quat[s]), size=floats(model.site_size[s]),
                           rgba=floats(model.site_rgba[s]))
                      for s in range(model.nsite)]
    facts['cameras'] = [dict(name=name(model, 'camera', c), body=name(model, 'body', int(model.cam_bodyid[c])),
                             pos=floats(model.cam_pos[c]), quat=floats(model.cam_quat[c]), fovy=float(model.cam_fovy[c]),
                             mode=int(model.cam_mode[c]))
                        for c in range(model.ncam)]
    facts['observations'] = [dict(key=key, shape=list(spec.shape[1:]), dtype=str(spec.dtype))
                             for key, spec in env.observation_spec().items()]
    spec = env.action_spec()
    facts['actions'] = dict(minimum=floats(spec.minimum), maximum=floats(spec.maximum), dtype=str(spec.dtype))
    return facts


def reset_facts(jaco, seeds):
    """Per task and seed: the reset's joint positions and velocities, the tool-centre point, the
    target site and the reset step's observation vector (in the FlattenJacoObservationWrapper's
    order) and, after one zero action, the reward."""
    resets = []
    for task in TASKS:
        for seed in seeds:
            env = jaco.make(task, 'states', seed=seed)
            step = env.reset()
            named = env.physics.named.data
            qpos, qvel = floats(env.physics.data.qpos), floats(env.physics.data.qvel)
            tcp, target = floats(named.site_xpos['jaco_arm/jaco_hand/pinchsite']), floats(named.site_xpos['target_site'])
            observation = np.concatenate([np.asarray(value).ravel() for value in step.observation.values()])
            after = env.step(np.zeros(env.action_spec().shape))
            resets.append(dict(task=task, seed=seed, qpos=qpos, qvel=qvel, tcp=tcp, target=target,
                               observation=floats(observation.astype(np.float32)),
                               reward_after_zero_action=float(after.reward)))
    return resets


def kinematics(env, count, seed):
    """`count` joint configurations drawn uniformly (arm joints within their limits or over a turn,
    fingers within theirs) and the tool-centre point (the pinch site) and its orientation that
    MuJoCo's forward kinematics gives in the reference's environment."""
    physics = env.physics
    model = physics.model
    random = np.random.RandomState(seed)
    low = np.where(model.jnt_limited, model.jnt_range[:, 0], 0.0)
    high = np.where(model.jnt_limited, model.jnt_range[:, 1], 2 * np.pi)
    qpos = random.uniform(low, high, size=(count, model.nq))
    tcp, rotation = np.zeros((count, 3)), np.zeros((count, 9))
    for row in range(count):
        with physics.reset_context():
            physics.data.qpos[:] = qpos[row]
        tcp[row] = physics.named.data.site_xpos['jaco_arm/jaco_hand/pinchsite']
        rotation[row] = physics.named.data.site_xmat['jaco_arm/jaco_hand/pinchsite']
    return dict(qpos=qpos, tcp=tcp, tcp_xmat=rotation)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--reference', required=True, help='a checkout of github.com/chongyi-zheng/infom')
    parser.add_argument('--out', required=True)
    parser.add_argument('--seeds', default='0,1,2')
    parser.add_argument('--kinematics', help='also write this .npz: 1,000 joint configurations and their tool-centre points')
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(args.reference, 'custom_dmc_tasks'))
    import jaco
    from importlib import metadata
    facts = dict(source=dict(reference='chongyi-zheng/infom custom_dmc_tasks/jaco.py', dm_control=metadata.version('dm_control'),
                             mujoco=metadata.version('mujoco')))
    facts.update(model_facts(jaco.make(TASKS[0], 'states', seed=0)))
    facts['resets'] = reset_facts(jaco, [int(seed) for seed in args.seeds.split(',')])
    temporary = args.out + '.partial'
    with open(temporary, 'w') as file:
        json.dump(facts, file, indent=1)
        file.write('\n')
    os.replace(temporary, args.out)
    if args.kinematics:
        np.savez(args.kinematics, **kinematics(jaco.make(TASKS[0], 'states', seed=0), 1000, seed=24))
        print(f'wrote {args.kinematics}: 1000 configurations')
    print(f'wrote {args.out}: {len(facts["bodies"])} bodies, {len(facts["joints"])} joints, '
          f'{len(facts["geoms"])} geoms, {len(facts["resets"])} resets')


if __name__ == '__main__':
    main()
