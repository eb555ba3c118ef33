"""OGBench's manipulation envs stepped on our model instead of OGBench's own, in the same MuJoCo.

OGBench's env code addresses the model by name, and our MJCF (`infom envs --model-xml ID`)
keeps OGBench's names, so the same env, oracles and task logic can run on either model. With
both in one simulator (the OGBench venv's MuJoCo 3), any difference in behaviour is a
difference between the models; what differs between MuJoCo 2.2.2 and 3 is measured apart.
"""
import gymnasium
import mujoco
import ogbench  # noqa: F401  (registers the envs)


def make(env_id, model_xml=None, **kwargs):
    """gymnasium.make(env_id), compiled from `model_xml` (a path) when given; OGBench's
    post-compilation edits (arm gains, ids, the integrator its options name) apply to both.
    Our MJCF names `implicit` (MuJoCo 2.2.2 lacks `implicitfast`); it is stepped with
    `implicitfast` here, as our Simulation steps it."""
    env = gymnasium.make(env_id, **kwargs)
    if model_xml is None:
        return env
    u = env.unwrapped

    def compile_ours(self):
        self._model = mujoco.MjModel.from_xml_path(model_xml)
        self._model.opt.integrator = mujoco.mjtIntegrator.mjINT_IMPLICITFAST
        self._data = mujoco.MjData(self._model)
        self._model.opt.timestep = self._physics_timestep
        mujoco.mj_resetData(self._model, self._data)
        mujoco.mj_forward(self._model, self._data)
        self.post_compilation()
        self._dirty = False

    u.compile_model_and_data = compile_ours.__get__(u)
    u.compile_model_and_data()  # the env compiled OGBench's model in its constructor
    return env
