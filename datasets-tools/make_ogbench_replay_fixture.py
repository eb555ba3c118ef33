"""OGBench's own evaluation episodes for Tests/SuiteTests/OGBenchReplayTests.swift: for a few
tasks, OGBench's oracles (sequenced as in compare_ogbench_oracles.py) solve an episode in task
mode on OGBench 1.2.2 / MuJoCo 3.17; the fixture holds its initial state (qpos, qvel, button
states), actions, observations after every step and final success. The test replays the actions
from that state in our environment and checks the path, the button toggles and the success.

It also holds OGBench's path from one state of our own scene play data (collected before our
cylinder contacts followed MuJoCo 3's GJK/EPA: `infom collect --env scene-v0 --collector play
--episodes 300 --seed 7`, episode 35, row 50): the gripper, half closed, comes down on button 1
with a pad on the cap's rim. OGBench presses the cap down and lets it rise to its limit; MuJoCo
2.2.2's MPR read that contact as a sideways squeeze and lifted the cap 43 mm past its limit.
Usage (OGBench venv):
    /work/venv-ogb/bin/python datasets-tools/make_ogbench_replay_fixture.py Tests/SuiteTests/Fixtures/ogbench_replay.npz
"""
import sys

import mujoco
import numpy as np

from compare_ogbench_replay import record
from ogbench_on_our_model import make

# The pad-on-cap state (float32 values of our dataset) and the 14 actions that followed it.
PAD_ON_CAP_QPOS = [-1.7082667350769043, -1.303861379623413, 1.7767366170883179, -2.05938982963562, -1.5708080530166626, -0.7480418086051941, 0.689163088798523, -0.005466737784445286, 0.6859237551689148, -0.650455892086029, 0.6891582608222961, -0.004983853083103895, 0.6861020922660828, -0.6514074206352234, 0.3006838858127594, 0.05748525261878967, 0.01996072567999363, 0.49508601427078247, -5.100599970613269e-18, -2.949404456541936e-17, 0.8688439726829529, 0.00046151591232046485, -0.00340321590192616, -0.09249090403318405, 0.20000000298023224]
PAD_ON_CAP_QVEL = [0.029572296887636185, 0.12656664848327637, 0.4943488538265228, -0.4928303360939026, 0.0005905360449105501, 0.1324142962694168, 0.32127365469932556, 0.17640383541584015, 0.42179059982299805, -0.6544524431228638, 0.3214331865310669, 0.1660713404417038, 0.4170539379119873, -0.6355976462364197, -4.642117952108043e-19, -4.435691928318138e-19, -1.6708964993765414e-16, -1.522294759645921e-16, 1.66653772076953e-16, 1.3505658026258463e-30, 1.1952178757010931e-18, -0.22215576469898224, 0.0, -1.2643514013532808e-10]
PAD_ON_CAP_BUTTONS = [0, 1]
PAD_ON_CAP_ACTIONS = [[0.0025428871158510447, -0.08269694447517395, -0.556814432144165, -0.15038560330867767, 0.061834223568439484], [-0.08174341917037964, -0.10625595599412918, -0.6133676767349243, 0.024090655148029327, -0.16624578833580017], [0.17892906069755554, 0.017407607287168503, -0.19294500350952148, -0.05981019511818886, 0.204959437251091], [0.0986294075846672, -0.02203158661723137, 0.20665240287780762, -0.020963340997695923, 0.5033204555511475], [-0.00041123502887785435, 0.06163492053747177, 0.5005176663398743, -0.1596810668706894, 0.4214581251144409], [0.08423426747322083, 0.03148031234741211, 0.5791992545127869, 0.04389650374650955, 0.3529167175292969], [0.004460965283215046, 0.030316131189465523, 0.7075243592262268, -0.03228277340531349, 0.41436243057250977], [-0.10751581192016602, -0.02498316951096058, 0.827141284942627, -0.056666914373636246, 0.3062519133090973], [-0.007216562516987324, -0.02182943746447563, 0.6209332346916199, 0.04908810555934906, 0.30756139755249023], [-0.06512471288442612, -0.34225043654441833, 0.8090433478355408, 0.23795001208782196, 0.18035796284675598], [-0.2480568140745163, -0.43470498919487, 0.7326082587242126, 0.5743579268455505, 0.09665374457836151], [-0.1873704344034195, -0.43890103697776794, 0.8010728359222412, 0.7362332940101624, -0.03647681325674057], [-0.2609063684940338, -0.3920423984527588, 0.8758919835090637, 0.8832924962043762, -0.030339255928993225], [-0.1349499225616455, -0.2822372317314148, 0.7083577513694763, 0.9510191679000854, -0.24310661852359772]]

EPISODES = [('cube-double-v0', 5, 5001), ('scene-v0', 2, 2000), ('scene-v0', 4, 4001), ('puzzle-3x3-v0', 4, 4000)]


def main():
    arrays = {'mujoco_version': np.frombuffer(mujoco.__version__.encode(), dtype=np.uint8)}
    for k, (env_id, task, seed) in enumerate(EPISODES):
        np.random.seed(seed)
        env = make(env_id, terminate_at_goal=True)
        (qpos, qvel, buttons), actions, path, solved = record(env, task, seed)
        assert solved, f'{env_id} task {task} seed {seed} was not solved'
        prefix = f'episode{k}.'
        arrays[prefix + 'env'] = np.frombuffer(env_id.encode(), dtype=np.uint8)
        arrays[prefix + 'task'] = np.array([task, seed], dtype=np.int64)
        arrays[prefix + 'qpos'], arrays[prefix + 'qvel'] = qpos, qvel
        arrays[prefix + 'button_states'] = buttons.astype(np.int64)
        arrays[prefix + 'actions'] = actions.astype(np.float32)
        arrays[prefix + 'observations'] = path.astype(np.float32)
        print(f'{env_id} task {task}: {len(actions)} steps')
    env = make('scene-v0', mode='data_collection')
    env.reset(seed=0)
    qpos, qvel = np.array(PAD_ON_CAP_QPOS), np.array(PAD_ON_CAP_QVEL)
    buttons = np.array(PAD_ON_CAP_BUTTONS, dtype=np.int64)
    env.unwrapped.set_state(qpos, qvel, buttons)
    path = [qpos[21:23].copy()]
    for action in PAD_ON_CAP_ACTIONS:
        env.step(np.array(action, dtype=np.float32))
        path.append(env.unwrapped._data.qpos[21:23].copy())
    arrays['pad_on_cap.qpos'], arrays['pad_on_cap.qvel'], arrays['pad_on_cap.button_states'] = qpos, qvel, buttons
    arrays['pad_on_cap.actions'] = np.array(PAD_ON_CAP_ACTIONS, dtype=np.float32)
    arrays['pad_on_cap.button_positions'] = np.array(path)
    print(f'pad on cap: button 1 from {path[0][1] * 1000:.1f} mm, highest {max(p[1] for p in path) * 1000:.1f} mm')
    np.savez(sys.argv[1], **arrays)


if __name__ == '__main__':
    main()
