import Foundation

/// The threads of Mesa's llvmpipe, the CPU renderer behind headless GL on machines without a GPU.
/// It splits every frame over `LP_NUM_THREADS` threads (one per core by default); for 64×64
/// observation frames the hand-off costs more than it saves: a 2-worker `--render fast` play
/// collection of visual cube-single ran 1.35–1.4× faster with `LP_NUM_THREADS=0` (rasterizing in
/// the calling thread), and one visual env stepped 1.2–1.3× faster.
public enum LLVMpipeThreads {
    /// Sets `LP_NUM_THREADS=0` unless the variable is already set. Mesa reads it when the
    /// process's first GL context is created, so this has an effect only before then.
    public static func rasterizeInCallingThreadUnlessSet() {
        setenv("LP_NUM_THREADS", "0", 0)
    }
}
