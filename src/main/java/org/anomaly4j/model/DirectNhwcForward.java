package org.anomaly4j.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The inference forward pass of a channels-last (NHWC) encoder graph, vertex by vertex: convolutions,
 * pooling, activation layers and channel concatenations as {@link DirectOp}s (the ND4J ops DL4J itself
 * calls, with the graph's own parameters), every other vertex (batch norm, add, padding, ...) by DL4J's
 * own vertex code. Same ops, same results ({@code DirectNhwcForwardTest}).
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code ConvolutionLayer.preOutput} copies every NHWC input to NCHW
 * ({@code input.permute(0,3,1,2).dup()}) and then hands the oneDNN helper the original input, so the
 * copy is thrown away; with the helper's fresh output array that is more time than the convolution
 * itself for VGG16's 224 px layers (measured: 64→64 channels at 224 px, batch 8: layer 266 ms, the
 * conv2d op alone 106 ms). Direct ops write into arrays pooled from call to call (a fresh 100 MB array
 * costs its page faults on every batch), given back after their last reader; the outputs handed to the
 * caller are always arrays of their own.
 */
final class DirectNhwcForward {
    /** {@code -Danomaly4j.directConvolution=false} runs the NHWC encoder through DL4J's own layers (for comparisons). */
    static final String PROPERTY = "anomaly4j.directConvolution";

    private final GraphVertex[] vertices;
    private final int[] order;
    /** For each topological position: the vertices whose outputs nothing reads after that step. */
    private final List<List<Integer>> releaseAfter = new ArrayList<>();
    private final int[] outputVertices;
    private final Map<Integer, DirectOp> direct = new HashMap<>();
    /** Direct-op output arrays free for reuse, by shape. */
    private final Map<String, Deque<INDArray>> pool = new HashMap<>();

    DirectNhwcForward(ComputationGraph nhwcGraph) {
        this.vertices = nhwcGraph.getVertices();
        this.order = nhwcGraph.topologicalSortOrder();
        this.outputVertices = nhwcGraph.getConfiguration().getNetworkOutputs().stream()
                .mapToInt(name -> nhwcGraph.getVertex(name).getVertexIndex()).toArray();
        for (int idx : order) { // in order: whether an input is scratch depends on its producer
            GraphVertex v = vertices[idx];
            if (!v.isInputVertex()) {
                DirectOp op = DirectOp.of(nhwcGraph, v, inputIsScratch(v));
                if (op != null) {
                    direct.put(idx, op);
                }
            }
        }
        int[] life = lifetimes();
        for (int p = 0; p < order.length; p++) {
            releaseAfter.add(new ArrayList<>());
        }
        for (int idx = 0; idx < vertices.length; idx++) {
            if (!vertices[idx].isInputVertex() && life[idx] < Integer.MAX_VALUE) {
                releaseAfter.get(life[idx]).add(idx);
            }
        }
    }

    /** Whether {@code v}'s single input is a pooled array that no other vertex reads and nobody is handed. */
    private boolean inputIsScratch(GraphVertex v) {
        if (v.getInputVertices().length != 1) {
            return false;
        }
        int in = v.getInputVertices()[0].getVertexIndex();
        return direct.containsKey(in) && vertices[in].getOutputVertices().length == 1 && !isOutput(in);
    }

    /**
     * For each vertex: the last topological position at which its output (or a view of it) may still
     * be read; MAX_VALUE when it may reach a network output. An in-place op, and any vertex DL4J runs,
     * may return its input or a view of it (dropout, cropping), so its consumers count as readers of its input too.
     */
    private int[] lifetimes() {
        int[] position = new int[vertices.length];
        for (int p = 0; p < order.length; p++) {
            position[order[p]] = p;
        }
        int[] life = new int[vertices.length];
        for (int p = order.length - 1; p >= 0; p--) {
            int idx = order[p];
            life[idx] = isOutput(idx) ? Integer.MAX_VALUE : p;
            VertexIndices[] consumers = vertices[idx].getOutputVertices();
            for (int c = 0; consumers != null && c < consumers.length && life[idx] != Integer.MAX_VALUE; c++) {
                int ci = consumers[c].getVertexIndex();
                boolean copies = direct.containsKey(ci) && !direct.get(ci).inPlace();
                int reads = copies ? position[ci] : Math.max(position[ci], life[ci]);
                life[idx] = Math.max(life[idx], reads);
            }
        }
        return life;
    }

    private boolean isOutput(int idx) {
        return Arrays.stream(outputVertices).anyMatch(o -> o == idx);
    }

    /** Whether the direct path is on (default) rather than DL4J's own convolution layers. */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }

    /** What runs as direct ops, e.g. "13 Convolution, 5 Pooling" (the rest runs through DL4J's own vertices). */
    String directOps() {
        Map<String, Long> counts = new TreeMap<>();
        direct.values().forEach(op -> counts.merge(op.getClass().getSimpleName(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    /** How many vertices of each kind run directly, by kind (Convolution, Pooling, Activation, Concat). */
    long directOps(Class<? extends DirectOp> kind) {
        return direct.values().stream().filter(kind::isInstance).count();
    }

    /** The network outputs for an NHWC batch, each an array of its own, NHWC or (one copy instead of two) NCHW. */
    synchronized INDArray[] output(INDArray nhwcInput, boolean asNchw) {
        INDArray[] acts = new INDArray[vertices.length];
        // Arrays this call may recycle: pooled direct-op outputs, and fresh arrays DL4J's vertices made.
        Set<INDArray> pooled = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<INDArray> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        for (int p = 0; p < order.length; p++) {
            int idx = order[p];
            GraphVertex v = vertices[idx];
            if (v.isInputVertex()) {
                acts[idx] = nhwcInput;
                continue;
            }
            VertexIndices[] ins = v.getInputVertices();
            INDArray[] in = new INDArray[ins.length];
            for (int i = 0; i < ins.length; i++) {
                in[i] = acts[ins[i].getVertexIndex()];
            }
            DirectOp op = direct.get(idx);
            if (op != null) {
                DataType type = in[0].dataType();
                acts[idx] = op.apply(in, shape -> {
                    INDArray out = borrow(shape, type);
                    pooled.add(out);
                    return out;
                });
            } else {
                for (int i = 0; i < ins.length; i++) {
                    v.setInput(i, in[i], noWorkspaces); // a layer vertex also hands it to its layer
                }
                acts[idx] = v.doForward(false, noWorkspaces);
                v.clear();
                if (Arrays.stream(in).noneMatch(a -> sameMemory(a, acts[idx]))) {
                    owned.add(acts[idx]);
                }
            }
            for (int done : releaseAfter.get(p)) {
                release(acts[done], pooled, owned);
            }
        }
        INDArray[] out = new INDArray[outputVertices.length];
        for (int k = 0; k < out.length; k++) {
            INDArray a = acts[outputVertices[k]];
            if (asNchw) {
                out[k] = ChannelsLast.toNchw(a);
            } else {
                // Only a fresh array may be handed out as is: a pooled one is overwritten by the next call.
                out[k] = owned.remove(a) ? a : a.dup('c');
            }
        }
        for (INDArray a : new ArrayList<>(pooled)) {
            release(a, pooled, owned);
        }
        for (INDArray a : new ArrayList<>(owned)) {
            release(a, pooled, owned);
        }
        return out;
    }

    /** A pooled array goes back to the pool; a fresh one from DL4J is freed now rather than at some later GC. */
    private void release(INDArray a, Set<INDArray> pooled, Set<INDArray> owned) {
        if (a != null && pooled.remove(a)) {
            pool.computeIfAbsent(key(a.shape(), a.dataType()), k -> new ArrayDeque<>()).push(a);
        } else if (a != null && owned.remove(a)) {
            a.close();
        }
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return root(a.data()) == root(b.data());
    }

    private static DataBuffer root(DataBuffer b) {
        return b.originalDataBuffer() == null ? b : root(b.originalDataBuffer());
    }

    private INDArray borrow(long[] shape, DataType type) {
        Deque<INDArray> free = pool.get(key(shape, type));
        return free == null || free.isEmpty() ? Nd4j.createUninitializedDetached(type, shape) : free.pop();
    }

    private static String key(long[] shape, DataType type) {
        return type + Arrays.toString(shape);
    }
}
