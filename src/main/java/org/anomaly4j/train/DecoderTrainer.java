package org.anomaly4j.train;

import me.tongfei.progressbar.ProgressBar;
import org.anomaly4j.Progress;
import org.anomaly4j.AnomalyException;
import org.anomaly4j.config.ModelConfig;
import org.anomaly4j.config.TrainConfig;
import org.anomaly4j.data.AnomalyImageRecordReader;
import org.anomaly4j.data.ImageBatches;
import org.anomaly4j.model.HfrModel;
import org.anomaly4j.model.HfrModelBuilder;
import org.anomaly4j.model.InferencePath;
import org.anomaly4j.model.TapShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the decoder on normal images only. With the feature cache (default) the decoder-only
 * graph trains on cached taps and its parameters are copied into the full graph by name; without
 * it the full graph (frozen encoder included) is fitted on images directly. Either way the
 * parameters of the epoch with the lowest validation loss are kept.
 */
public final class DecoderTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DecoderTrainer.class);

    private DecoderTrainer() {
    }

    public static TrainingHistory train(HfrModel model, ModelConfig m, TrainConfig t,
                                        AnomalyImageRecordReader train, AnomalyImageRecordReader validation) {
        return train(model, m, t, train, validation, TrainingSession.none());
    }

    public static TrainingHistory train(HfrModel model, ModelConfig m, TrainConfig t,
                                        AnomalyImageRecordReader train, AnomalyImageRecordReader validation,
                                        TrainingSession session) {
        long start = System.nanoTime();
        if (train.size() == 0) {
            throw new AnomalyException("no training images left after the validation split (add images to train/good)");
        }
        TrainingHistory h = t.featureCache() ? trainCached(model, m, t, train, validation, start, session)
                : trainDirect(model, m, t, train, validation, start, session);
        LOG.info("Training done in {} s; kept epoch {}", String.format("%.1f", h.seconds()), h.bestEpoch());
        return h;
    }

    private static TrainingHistory trainCached(HfrModel model, ModelConfig m, TrainConfig t,
                                               AnomalyImageRecordReader train, AnomalyImageRecordReader validation, long start,
                                               TrainingSession session) {
        InferencePath path = new InferencePath(model, m, t);
        FeatureCache.warnIfLarge(model, train.size() + validation.size());
        FeatureCache trainCache = FeatureCache.compute(model, path, train, t.batchSize(), "Encoding train");
        FeatureCache valCache = validation.size() > 0 ? FeatureCache.compute(model, path, validation, t.batchSize(), "Encoding val") : null;
        ComputationGraph decoder = HfrModelBuilder.decoderOnly(model, m, t);
        Loop loop = new Loop(t, model.taps(), decoder, session) {
            INDArray[] features(int[] idx, boolean validation) {
                return (validation ? valCache : trainCache).batch(idx);
            }
        };
        TrainingHistory h = loop.run(trainCache.size(), valCache == null ? 0 : valCache.size(), start, true,
                trainCache.bytes());
        HfrModelBuilder.copyParams(decoder, model.graph());
        return h;
    }

    private static TrainingHistory trainDirect(HfrModel model, ModelConfig m, TrainConfig t, AnomalyImageRecordReader train,
                                               AnomalyImageRecordReader validationSet, long start, TrainingSession session) {
        ComputationGraph g = model.graph();
        // The decoder starts from the same initial parameters as in the cached mode (the seeded
        // decoder-only graph), so the feature cache changes the speed, not the trained model.
        HfrModelBuilder.copyParams(HfrModelBuilder.decoderOnly(model, m, t), g);
        Loop loop = new Loop(t, model.taps(), g, session) {
            INDArray[] features(int[] idx, boolean validation) {
                return new INDArray[]{images(validation ? validationSet : train, idx)};
            }

            private INDArray images(AnomalyImageRecordReader r, int[] idx) {
                List<INDArray> list = new ArrayList<>();
                for (int i : idx) {
                    list.add(model.preprocessing().apply(
                            Nd4j.create(org.anomaly4j.data.ImageLoader.loadRgb(r.sample(i), model.imageSize(), model.sampleBits()),
                                    new long[]{1, 3, model.imageSize(), model.imageSize()})));
                }
                return Nd4j.concat(0, list.toArray(INDArray[]::new));
            }
        };
        return loop.run(train.size(), validationSet.size(), start, false, 0);
    }

    /**
     * The epoch loop shared by both modes: seeded shuffling, mean losses, best-epoch keeping, early
     * stopping, NaN guard, per-epoch checkpoints and resuming from them. A mode only says where a
     * batch's inputs come from (cached taps or images).
     */
    private abstract static class Loop {
        private final TrainConfig t;
        private final List<TapShape> taps;
        private final int branchesPerTap;
        private final ComputationGraph graph;
        private final TrainingSession session;

        Loop(TrainConfig t, List<TapShape> taps, ComputationGraph graph, TrainingSession session) {
            this.t = t;
            this.taps = taps;
            this.graph = graph;
            this.session = session;
            this.branchesPerTap = t.loss().equals("both") ? 2 : 1;
            if (!session.listeners().isEmpty()) {
                graph.setListeners(session.listeners());
            }
        }

        /** Inputs of the graph for these training (or validation) images. */
        abstract INDArray[] features(int[] idx, boolean validation);

        double fitBatch(int[] idx) {
            return withBatch(idx, false, ds -> {
                graph.fit(ds);
                return graph.score();
            });
        }

        double scoreBatch(int[] idx) {
            return withBatch(idx, true, ds -> graph.score(ds, false));
        }

        private double withBatch(int[] idx, boolean validation, java.util.function.ToDoubleFunction<MultiDataSet> step) {
            INDArray[] features = features(idx, validation);
            INDArray[] labels = zeros(idx.length);
            try {
                return step.applyAsDouble(new MultiDataSet(features, labels));
            } finally {
                close(features);
                close(labels);
            }
        }

        INDArray params() {
            return graph.params();
        }

        void setParams(INDArray p) {
            graph.setParams(p);
        }

        /**
         * Frees per-batch arrays at once: ND4J memory is off-heap and the small Java wrappers let
         * gigabytes pile up before a garbage collection (seen: 24 GB resident after 8 epochs).
         */
        static void close(INDArray[] arrays) {
            for (INDArray a : arrays) {
                if (a != null && a.closeable()) {
                    a.close();
                }
            }
        }

        INDArray[] zeros(int n) {
            INDArray[] z = new INDArray[taps.size() * branchesPerTap];
            int i = 0;
            for (TapShape s : taps) {
                for (int b = 0; b < branchesPerTap; b++) {
                    z[i++] = Nd4j.zeros(n, s.channels(), s.height(), s.width());
                }
            }
            return z;
        }

        TrainingHistory run(int nTrain, int nVal, long start, boolean cached, long cacheBytes) {
            Random rnd = new Random(t.seed());
            List<Double> trainLoss = new ArrayList<>();
            List<Double> valLoss = new ArrayList<>();
            double best = Double.POSITIVE_INFINITY;
            INDArray bestParams = null;
            int bestEpoch = 0;
            int sinceBest = 0;
            int[] order = new int[nTrain];
            for (int i = 0; i < nTrain; i++) {
                order[i] = i;
            }
            int first = 1;
            Checkpoints.Loaded resumed = session.resume() && session.checkpoints() != null
                    ? session.checkpoints().latest().orElse(null) : null;
            if (session.resume() && resumed == null) {
                LOG.warn("--resume: no checkpoint in {}; starting at epoch 1", session.checkpoints() == null ? "(none)"
                        : session.checkpoints().dir());
            }
            if (resumed != null) {
                Checkpoints.State st = resumed.state();
                requireSameConfig(st.fingerprint(), resumed.from());
                restore(resumed.graph(), st);
                trainLoss.addAll(st.trainLoss());
                valLoss.addAll(st.validationLoss());
                best = st.best();
                bestEpoch = st.bestEpoch();
                sinceBest = st.epochsSinceBest();
                bestParams = resumed.bestParams();
                for (int e = 1; e <= st.epoch(); e++) {
                    shuffle(order, rnd); // the batch order of the epochs done, so later epochs see the same order
                }
                first = st.epoch() + 1;
                LOG.info("Resuming from {}: epoch {} of {} done", resumed.from(), st.epoch(), t.epochs());
            }
            List<Double> epochSeconds = new ArrayList<>();
            for (int epoch = first; epoch <= t.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                shuffle(order, rnd);
                double sum = 0;
                int batches = 0;
                try (ProgressBar pb = Progress.bar("Epoch " + epoch + "/" + t.epochs(), nTrain)) {
                    for (int from = 0; from < nTrain; from += t.batchSize()) {
                        int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(nTrain, from + t.batchSize()));
                        double loss = fitBatch(idx);
                        if (!Double.isFinite(loss)) {
                            throw new AnomalyException("training loss became " + loss + " in epoch " + epoch
                                    + " (lower train.learningRate, e.g. --set train.learningRate=0.0001)"
                                    + (epoch > 1 && session.checkpoints() != null ? "; the last good checkpoint (epoch " + (epoch - 1)
                                    + ") is kept in " + session.checkpoints().dir() : ""));
                        }
                        sum += loss;
                        batches++;
                        pb.stepBy(idx.length);
                        pb.setExtraMessage(String.format("loss %.4f", loss));
                    }
                }
                trainLoss.add(sum / batches);
                double val = Double.NaN;
                if (nVal > 0) {
                    double vs = 0;
                    for (int from = 0; from < nVal; from += t.batchSize()) {
                        int to = Math.min(nVal, from + t.batchSize());
                        int[] idx = java.util.stream.IntStream.range(from, to).toArray();
                        vs += scoreBatch(idx) * idx.length;
                    }
                    val = vs / nVal;
                }
                valLoss.add(val);
                epochSeconds.add((System.nanoTime() - epochStart) / 1e9);
                LOG.info("epoch {}/{}: train loss {}, validation loss {}", epoch, t.epochs(),
                        String.format("%.5f", sum / batches), String.format("%.5f", val));
                double criterion = nVal > 0 ? val : -epoch; // no validation split: keep the last epoch
                if (criterion < best) {
                    best = criterion;
                    if (bestParams != null) {
                        bestParams.close();
                    }
                    bestParams = params().dup();
                    bestEpoch = epoch;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
                if (session.checkpoints() != null) {
                    session.checkpoints().save(new Checkpoints.State(epoch, trainLoss, valLoss, best, bestEpoch, sinceBest,
                            graph.getConfiguration().getIterationCount(), session.fingerprint()), graph, bestParams);
                }
                if (t.earlyStoppingPatience() > 0 && nVal > 0 && sinceBest >= t.earlyStoppingPatience()) {
                    LOG.info("Early stopping after epoch {}: no lower validation loss for {} epochs (best: epoch {})",
                            epoch, sinceBest, bestEpoch);
                    break;
                }
            }
            setParams(bestParams);
            return new TrainingHistory(trainLoss, valLoss, bestEpoch, (System.nanoTime() - start) / 1e9, cached, cacheBytes,
                    epochSeconds);
        }

        /** Parameters, updater state and iteration count of a checkpointed graph into this loop's graph. */
        private void restore(ComputationGraph saved, Checkpoints.State st) {
            graph.setParams(saved.params());
            INDArray state = saved.getUpdater() == null ? null : saved.getUpdater().getStateViewArray();
            if (state != null) {
                graph.getUpdater().getStateViewArray().assign(state);
            }
            graph.getConfiguration().setIterationCount(st.iterationCount());
            graph.getConfiguration().setEpochCount(st.epoch());
        }

        private void requireSameConfig(String saved, java.nio.file.Path from) {
            if (saved.equals(session.fingerprint())) {
                return;
            }
            List<String> a = List.of(saved.split("\n"));
            List<String> b = List.of(session.fingerprint().split("\n"));
            List<String> diff = new ArrayList<>();
            for (String line : b) {
                if (!a.contains(line)) {
                    diff.add("now: " + line.strip());
                }
            }
            for (String line : a) {
                if (!b.contains(line)) {
                    diff.add("checkpoint: " + line.strip());
                }
            }
            throw new AnomalyException("the checkpoint " + from + " was written with another config (" + String.join("; ", diff)
                    + "); resume with the same config, or train without --resume (a new --run-id)");
        }

        private static void shuffle(int[] a, Random rnd) {
            for (int i = a.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = a[i];
                a[i] = a[j];
                a[j] = tmp;
            }
        }
    }
}
