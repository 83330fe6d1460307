package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for a class-name mismatch inside DL4J 1.0.0-M2.1, so that its oneDNN layer
 * helpers can run. DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} and calls {@code isUseMKLDNN()} by reflection, but
 * ND4J M2.1 ships that class as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment}
 * with {@code isUseONEDNN()}. Without this class every oneDNN helper (convolution, pooling, batch
 * norm) is dropped as "not supported" and DL4J falls back to im2col + gemm: VGG16 forward was 3.3x
 * slower (see reports/benchmarks/performance.md). This class only answers that one question, from the
 * real ND4J class (by reflection, so the CUDA build, which lacks it, still compiles); it holds no state.
 * Delete it when DL4J is upgraded past the mismatch ({@code OneDnnHelpersTest} then says so).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The two members DL4J calls: {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded native ND4J build has oneDNN and uses it; false on any other backend. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                Method useOneDnn = env.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
