"""Times dm_control's renderer, to set beside `infom bench render Assets/locomotion/walker.xml`.

Renders `--frames` frames of walker_walk at WIDTHxHEIGHT from camera 0 with
`physics.render(height, width, camera_id=0)` after a warm-up frame, first with dm_control's
defaults (shadows, reflections, skybox, the model's 4x multisampling: the standard look), or with
`--fast` those switched off (render flag overrides and `offsamples = 0`), the options of our
`RenderOptions.fast`. MUJOCO_GL selects the GL backend (egl by default here).

Usage: MUJOCO_GL=egl python datasets-tools/bench_dmc_render.py [--fast] [--frames 1000] [--width 256 --height 256] [--json]
"""
import argparse
import json
import os
import time

os.environ.setdefault('MUJOCO_GL', 'egl')


def frames_per_second(fast, frames, width, height):
    from dm_control import suite

    env = suite.load('walker', 'walk', task_kwargs={'random': 0})
    env.reset()
    physics = env.physics
    kwargs = dict(height=height, width=width, camera_id=0)
    if fast:
        physics.model.vis.quality.offsamples = 0  # before the render context is made
        kwargs['render_flag_overrides'] = {'shadow': False, 'reflection': False, 'skybox': False}
    physics.render(**kwargs)  # warm-up: context and shader compilation
    start = time.perf_counter()
    for _ in range(frames):
        physics.render(**kwargs)
    return frames / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--frames', type=int, default=1000)
    parser.add_argument('--width', type=int, default=256)
    parser.add_argument('--height', type=int, default=256)
    parser.add_argument('--fast', action='store_true', help='no shadows, reflections, skybox or multisampling')
    parser.add_argument('--json', action='store_true')
    args = parser.parse_args()
    fps = frames_per_second(args.fast, args.frames, args.width, args.height)
    report = dict(renderer='dm_control', look='fast' if args.fast else 'standard', width=args.width,
                  height=args.height, frames=args.frames, frames_per_s=fps, backend=os.environ['MUJOCO_GL'])
    print(json.dumps(report) if args.json else f"dm_control {report['look']}: {fps:.1f} frames/s "
          f"({args.frames} frames at {args.width}x{args.height}, {report['backend']})")


if __name__ == '__main__':
    main()
