"""Parity fixtures for the learning core, from JAX/Flax on CPU in float32.

Needs the Python 3.11 venv with jax[cpu] and flax (see datasets-tools/README.md).
Writes Tests/LearningTests/Fixtures/flax_parity.npz (uncompressed, our NPZ reader's format).

The Flax modules below are written from our spec (shared/specs/infom.md §2.1 and §2.3): Dense,
GELU (tanh form), LayerNorm (eps 1e-6), the MLP (Dense -> GELU -> LN), a 2-member ensemble of
MLPs (nn.vmap over parameters), and the IMPALA encoder (impala_small). For each case it stores,
under '<case>/':
  param/<flax path>   the initial parameters (the Swift test loads them by name),
  x                   the input,
  y                   the output,
  w                   fixed weights; the loss is sum(y * w),
  grad/<flax path>    d loss / d parameter,
  grad_x              d loss / d x.
"""
import os

import jax
import jax.numpy as jnp
import numpy as np
import flax.linen as nn
from flax.traverse_util import flatten_dict

jax.config.update("jax_default_matmul_precision", "highest")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "LearningTests", "Fixtures",
                   "flax_parity.npz")


def glorot(scale=1.0):
    return nn.initializers.variance_scaling(scale, "fan_avg", "uniform")


class MLP(nn.Module):
    hidden_dims: tuple
    activate_final: bool = False
    layer_norm: bool = False

    @nn.compact
    def __call__(self, x):
        for i, size in enumerate(self.hidden_dims):
            x = nn.Dense(size, kernel_init=glorot())(x)
            if i + 1 < len(self.hidden_dims) or self.activate_final:
                x = nn.gelu(x)
                if self.layer_norm:
                    x = nn.LayerNorm()(x)
        return x


class ResidualStack(nn.Module):
    features: int
    blocks: int

    @nn.compact
    def __call__(self, x):
        conv = lambda: nn.Conv(self.features, (3, 3), padding="SAME", kernel_init=nn.initializers.xavier_uniform())
        x = conv()(x)
        x = nn.max_pool(x, window_shape=(3, 3), strides=(2, 2), padding="SAME")
        for _ in range(self.blocks):
            skip = x
            x = conv()(nn.relu(x))
            x = conv()(nn.relu(x))
            x = x + skip
        return x


class ImpalaEncoder(nn.Module):
    stack_sizes: tuple = (16, 32, 32)
    blocks: int = 1
    hidden_dims: tuple = (512,)

    def setup(self):
        self.stack_blocks = [ResidualStack(size, self.blocks) for size in self.stack_sizes]

    @nn.compact
    def __call__(self, x):
        x = x.astype(jnp.float32) / 255.0
        for stack in self.stack_blocks:
            x = stack(x)
        x = nn.relu(x)
        x = x.reshape((x.shape[0], -1))
        return MLP(self.hidden_dims, activate_final=True)(x)


class LayerNormOnly(nn.Module):
    @nn.compact
    def __call__(self, x):
        return nn.LayerNorm()(x)


class GELUOnly(nn.Module):
    @nn.compact
    def __call__(self, x):
        return nn.gelu(x)


Ensemble = nn.vmap(MLP, variable_axes={"params": 0}, split_rngs={"params": True}, in_axes=None, out_axes=0,
                   axis_size=2)


def export(arrays, case, module, x, key, perturb_params=False):
    k_init, k_w, k_p = jax.random.split(key, 3)
    params = module.init(k_init, x)
    if perturb_params:  # move LayerNorm scale/bias off 1/0 so their gradients are exercised
        leaves, tree = jax.tree_util.tree_flatten(params)
        keys = jax.random.split(k_p, len(leaves))
        leaves = [leaf + 0.3 * jax.random.normal(k, leaf.shape) for leaf, k in zip(leaves, keys)]
        params = jax.tree_util.tree_unflatten(tree, leaves)
    y = module.apply(params, x)
    w = jax.random.normal(k_w, y.shape)

    def loss(p, inputs):
        return jnp.sum(module.apply(p, inputs) * w)

    grads, grad_x = jax.grad(loss, argnums=(0, 1))(params, x)
    for path, value in flatten_dict(params.get("params", {}), sep="/").items():
        arrays[f"{case}/param/{path}"] = np.asarray(value, np.float32)
    for path, value in flatten_dict(grads.get("params", {}), sep="/").items():
        arrays[f"{case}/grad/{path}"] = np.asarray(value, np.float32)
    arrays[f"{case}/x"] = np.asarray(x, np.float32)
    arrays[f"{case}/y"] = np.asarray(y, np.float32)
    arrays[f"{case}/w"] = np.asarray(w, np.float32)
    arrays[f"{case}/grad_x"] = np.asarray(grad_x, np.float32)


def main():
    key = jax.random.PRNGKey(0)
    keys = jax.random.split(key, 8)
    arrays = {}
    export(arrays, "dense", nn.Dense(5, kernel_init=glorot()), jax.random.normal(keys[0], (4, 7)), keys[1])
    export(arrays, "gelu", GELUOnly(), jnp.linspace(-6, 6, 97, dtype=jnp.float32).reshape(1, 97), keys[2])
    export(arrays, "layer_norm", LayerNormOnly(), 3 * jax.random.normal(keys[3], (4, 9)) + 1, keys[3],
           perturb_params=True)
    export(arrays, "mlp", MLP((32, 32, 3), layer_norm=True), jax.random.normal(keys[4], (4, 6)), keys[4],
           perturb_params=True)
    export(arrays, "ensemble", Ensemble((16, 16, 1), layer_norm=True), jax.random.normal(keys[5], (3, 6)), keys[5],
           perturb_params=True)
    pixels = jax.random.randint(keys[6], (2, 64, 64, 9), 0, 256).astype(jnp.float32)
    export(arrays, "impala", ImpalaEncoder(hidden_dims=(32,)), pixels, keys[7])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    np.savez(OUT, **arrays)
    total = sum(a.nbytes for a in arrays.values())
    print(f"wrote {OUT}: {len(arrays)} arrays, {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
